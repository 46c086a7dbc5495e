"""What is new for one member between two moments: the one place that decides.

The home page's "New for you" card, its page and the digests (issue #21) all
ask ``whats_new(user, since, until, language)``. The site shell knows no
content app: each app registers, with Wagtail hooks in its
``wagtail_hooks.py``,

* ``leerkring_whats_new``: a provider ``(window) -> Section | None``, the
  app's news for ``window.user`` between ``window.since`` (included) and
  ``window.until`` (excluded), decided by that app's own visibility rules
  (pages/visibility.py, forum.visibility, catalogue.consent, members.teams)
  and never the member's own doing. It reads a fixed number of queries
  whatever the amount of news (``take`` counts the rest in the same query),
  so a digest run costs the same per member for 5 or 5,000 new items.
  Events (issue #22) add theirs the same way, from their own app.
* ``leerkring_member_topics``: ``(user, language) -> Interests``: which topics
  are the member's (followed in the forum, their expertise on the profile),
  asked once and handed to every provider in ``window.topics``, and what to
  suggest to a member who has none.

Providers run with ``language`` active, so their titles, labels and reasons
are in the member's language; page titles come from the reader's language
version where one exists (pages.languages.versions_for_reader). ``in_topics``
narrows what every member gets (learning, webinars) to the member's topics,
as the home page asks; what is already personal (followed questions, teams)
stays.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail import hooks

from pages.sections import section_in
from pages.visibility import page_pks_visible_to
from topics.models import topics_in_language

PROVIDERS_HOOK = "leerkring_whats_new"
TOPICS_HOOK = "leerkring_member_topics"

# Items per section unless the caller asks otherwise (the rest is counted).
LIMIT = 5


@dataclass(frozen=True)
class Item:
    """One new thing. ``url`` is a path on the site in the member's language
    (prefix ``settings.BASE_URL`` for an email). ``when`` is when it became
    new (published, posted, shared) or, for what is coming (a webinar, a
    meeting), when it starts. ``label`` says what it is ("New answer"),
    ``why`` why this member gets it ("In Textile", "A question you follow",
    "Your team Catering"; empty for what is new for every member).
    ``language`` is the language of ``title`` when it may differ from the
    member's (posts, projects, an untranslated page), else ""."""

    title: str
    url: str
    when: datetime
    label: str
    why: str = ""
    language: str = ""


@dataclass(frozen=True)
class Section:
    """One app's news: at most the ``limit`` asked for in ``items`` (newest
    first, or soonest first for what is coming), ``more`` the number left out,
    ``url`` where to see all of it (its section of the site), or ""."""

    key: str
    title: str
    items: tuple
    more: int = 0
    url: str = ""
    order: int = 100

    @property
    def total(self):
        return len(self.items) + self.more


@dataclass(frozen=True)
class Interests:
    """One source of a member's topics: their translation keys (any language),
    and an invitation (``invite_text``, ``invite_url``) for a member who has
    none yet."""

    keys: frozenset = frozenset()
    invite_text: str = ""
    invite_url: str = ""
    order: int = 100


@dataclass(frozen=True)
class Window:
    """What a provider is asked: news for ``user`` in [since, until), in
    ``language`` (active while providers run), at most ``limit`` items, in
    the member's ``topics`` (translation keys) only where ``in_topics``."""

    user: object
    since: datetime
    until: datetime
    language: str
    limit: int = LIMIT
    topics: frozenset = frozenset()
    in_topics: bool = False
    topic_names: dict = field(default_factory=dict, compare=False, repr=False)

    def topic_reason(self, *keys):
        """"In <topic>" for the first of ``keys`` that is one of the member's
        topics, named in their language; "" when none is."""
        for key in keys:
            if key is not None and key in self.topics and key in self.topic_names:
                return _("In %(topic)s") % {"topic": self.topic_names[key]}
        return ""


def open_section(user, language, model):
    """The section page ``model`` (a page class or its label) in ``language``,
    else in any language, when ``user`` may enter it; else None: a provider
    then has nothing to show (pages/visibility.py). No query once the page
    tree is read."""
    section = section_in(model, language)
    if section is None or not page_pks_visible_to(user, [section.pk]):
        return None
    return section


def route_url(section, route, **kwargs):
    """The address of ``route`` of a section page (a forum question, a project)."""
    return section.url + section.reverse_subpage(route, kwargs=kwargs or None)


def take(queryset, limit):
    """(the first ``limit`` rows of ``queryset``, how many rows it has in all),
    in one query: the count rides along as a window over the whole result."""
    rows = list(queryset.annotate(whatsnew_total=models.Window(models.Count("pk")))[:max(limit, 1)])
    return rows, (rows[0].whatsnew_total if rows else 0)


def merged(key, title, parts, limit, *, url="", order=100, reverse=True, sort_key=None):
    """A Section from several ``(items, total)`` parts of one app, each already
    bounded: sorted (newest first unless ``reverse`` is False), cut to
    ``limit``, the rest counted. None when there is nothing."""
    items = sorted((item for part, _total in parts for item in part),
                   key=sort_key or (lambda item: item.when), reverse=reverse)
    total = sum(total for _part, total in parts)
    if not total:
        return None
    shown = tuple(items[:limit])
    return Section(key=key, title=title, items=shown, more=total - len(shown), url=url,
                   order=order)


def member_interests(user, language):
    """Every source of ``user``'s topics (Interests), in the hooks' order."""
    with translation.override(language):
        found = [hook(user, language) for hook in hooks.get_hooks(TOPICS_HOOK)]
    return sorted((interest for interest in found if interest is not None),
                  key=lambda interest: interest.order)


def whats_new(user, since, until=None, language=None, *, limit=LIMIT, in_topics=False,
              interests=None):
    """The sections of what is new for ``user`` in [since, until) (until: now), in
    ``language`` (the member's preferred language by default), each with at
    most ``limit`` items; the sections with nothing are left out.
    ``interests``: member_interests() when the caller read them already."""
    if not user.is_authenticated or not user.is_active:
        return []
    until = until or timezone.now()
    language = language or getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    if since >= until:
        return []
    if interests is None:
        interests = member_interests(user, language)
    window = Window(
        user=user, since=since, until=until, language=language, limit=limit,
        topics=frozenset().union(*(interest.keys for interest in interests)),
        in_topics=in_topics,
        topic_names={topic.translation_key: topic.name
                     for topic in topics_in_language(language)},
    )
    with translation.override(language):
        sections = [hook(window) for hook in hooks.get_hooks(PROVIDERS_HOOK)]
    return sorted((section for section in sections if section is not None and section.items),
                  key=lambda section: (section.order, section.key))


def has_anything(sections):
    """Whether there is anything new at all (a digest with nothing is not sent)."""
    return any(section.items for section in sections)


def compact(sections, count):
    """At most ``count`` items across ``sections``: each section's first item, then
    each one's second, and so on, so that every kind of news gets a place; what
    is left out is added to each section's ``more``."""
    keep = {section.key: 0 for section in sections}
    left = count
    depth = 0
    while left > 0 and any(len(section.items) > depth for section in sections):
        for section in sections:
            if left > 0 and len(section.items) > depth:
                keep[section.key] += 1
                left -= 1
        depth += 1
    return [Section(key=section.key, title=section.title, items=section.items[:keep[section.key]],
                    more=section.more + len(section.items) - keep[section.key], url=section.url,
                    order=section.order)
            for section in sections if keep[section.key]]
