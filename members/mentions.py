"""@mentions: whom a member may mention where, how a mention is shown, and who is told.

In forum posts and team minutes, ``@`` and a member's name as the directory
shows it (``@Anna de Vries``) mention that member (how a mention is found in
the text: usertext.mentions).

* Who can be mentioned: only a member others may see listed
  (members.consent), and in a team's content (a team's forum question, its
  minutes) only such a member who belongs to the team (members.teams).
  Anyone else's name stays plain text and nobody is told: typing the name
  of a member who did not consent shows exactly what typing a name nobody
  has shows, in the page, the autocomplete and the notifications.
  Coordinators and moderators who look into a team from outside are not
  mentioned in its content; a name shared by several listed members
  mentions each of them (they are told) and links to none.
* Shown: a mention links to the member's profile, decided when the page is
  shown (``show``), never stored: a withdrawn consent or a member leaving
  the team turns the link back into plain text on the next page. The
  listed names come from the shared cache ("members" scope, which watches
  consents, names and memberships' teams), so a page costs the same queries
  whatever its number of mentions or posts.
* Told: when content is saved, ``mentions_to_notify`` gives the members it
  newly mentions (not those the earlier version mentioned already, never
  its writers), who may see the content, at most ``MAX_TOLD`` of them; the
  content's one call site per kind hands them to ``notify_mentioned``.
* Suggested: ``suggestions`` is what the autocomplete lists, by the same
  rule (views.mention_suggestions).
"""

from dataclasses import dataclass
from html import unescape

from django.contrib.auth import get_user_model
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

import caching
from pages.sections import subpage_url
from usertext import mentions as text_mentions

from . import consent
from .models.teams import TeamMembership

# Under the text boxes where mentions work (forum posts, team minutes).
HELP = _("To mention a member who shows their profile, type @ and their name: they are told.")
# Members told about one saved text: a post naming the whole directory tells nobody past this.
MAX_TOLD = 20
MAX_SUGGESTIONS = 8
# The autocomplete asks as the member types (the script waits for a pause).
LOOKUPS_PER_MINUTE = 120
EXCERPT_LENGTH = 200


@dataclass(frozen=True)
class _Listed:
    people: dict  # user pk -> (name, organisation, usertext.mentions.key(name))
    by_key: dict  # usertext.mentions.key(name) -> (user pk, ...)


def _load():
    people = {}
    for pk, first, last, organisation in (consent.listed_profiles().order_by("user_id")
                                          .values_list("user_id", "user__first_name",
                                                       "user__last_name",
                                                       "user__organisation")):
        # The name the directory shows; never the address (full_name falls back to it).
        name = " ".join(f"{first} {last}".split())
        if name:
            people[pk] = (name, organisation, text_mentions.key(name))
    by_key = {}
    for pk, (_name, _organisation, name_key) in people.items():
        by_key.setdefault(name_key, []).append(pk)
    return _Listed(people, {name: tuple(pks) for name, pks in by_key.items()})


def _listed():
    """The listed members' names, kept until a profile, a consent or a name changes."""
    return caching.remember("members", "mention-names", _load)


def team_members(team_ids):
    """{team pk: frozenset of its members' pks} of the (default-language) teams ``team_ids``:
    one query for all."""
    members = {pk: set() for pk in team_ids}
    if members:
        for team_id, user_id in TeamMembership.objects.filter(
                team_id__in=members).values_list("team_id", "user_id"):
            members[team_id].add(user_id)
    return {pk: frozenset(users) for pk, users in members.items()}


def mentionable(member_ids=None):
    """The names that may be mentioned (usertext.mentions.Names, values: tuples of
    user pks): the listed members, only those among ``member_ids`` when given (a
    team's content)."""
    by_key = _listed().by_key
    if member_ids is not None:
        by_key = {name: kept for name, pks in by_key.items()
                  if (kept := tuple(pk for pk in pks if pk in member_ids))}
    return text_mentions.Names(by_key)


def mentioned(html, names):
    """The pks of the members ``html`` mentions, in order of appearance."""
    found = []
    for pks in text_mentions.find(html, names):
        found.extend(pk for pk in pks if pk not in found)
    return found


def render(html, names, language):
    """``html`` with its mentions linked to the profiles, as safe HTML."""
    found = text_mentions.find(html, names)
    if not found:
        return mark_safe(html)  # noqa: S308 - stored HTML, sanitised when saved (usertext)
    urls = consent.profile_urls({pk for pks in found for pk in pks}, language)
    shown = text_mentions.link(html, names,
                               lambda pks: urls.get(pks[0]) if len(pks) == 1 else None)
    return mark_safe(shown)  # noqa: S308 - the same, links built and escaped by usertext


def show(items, language, team_of=None, members=None):
    """Give each of ``items`` (posts, minutes: anything with ``body_html``) ``shown_html``:
    its text with mentions linked for ``language``. ``team_of(item)``: the pk of the
    (default-language) team the item belongs to, or None; ``members``: {team pk:
    member pks} when already read, else read in one query for all."""
    if not any("@" in item.body_html for item in items):
        for item in items:
            item.shown_html = mark_safe(item.body_html)  # noqa: S308 - as in render
        return
    team_ids = {team_of(item) for item in items} - {None} if team_of else set()
    if members is None:
        members = team_members(team_ids)
    everyone = mentionable()
    by_team = {pk: mentionable(members.get(pk, frozenset())) for pk in team_ids}
    for item in items:
        team_id = team_of(item) if team_of else None
        names = everyone if team_id is None else by_team[team_id]
        item.shown_html = render(item.body_html, names, language)


def mentions_to_notify(html_before, html_after, *, writers, may_see, team_id=None):
    """The members ``html_after`` mentions and ``html_before`` did not (both stored
    HTML; "" for new content), except ``writers`` (users or None), who
    ``may_see(user)`` the content: at most MAX_TOLD users, in order of appearance.
    ``team_id``: the (default-language) team whose content it is."""
    names = mentionable(None if team_id is None else team_members([team_id])[team_id])
    before = set(mentioned(html_before, names)) if html_before else set()
    left_out = before | {writer.pk for writer in writers if writer is not None}
    new = [pk for pk in mentioned(html_after, names) if pk not in left_out]
    if not new:
        return []
    users = get_user_model().objects.in_bulk(new)
    told = []
    for pk in new:
        user = users.get(pk)
        if user is not None and user.is_active and may_see(user):
            told.append(user)
            if len(told) == MAX_TOLD:
                break
    return told


def notify_mentioned(users, *, writer, url, where, excerpt):
    """Tell ``users`` they were mentioned: the one place notifications of mentions
    leave from (every kind of content calls it once, after its transaction
    commits). ``users`` were chosen by mentions_to_notify: they may see the
    content and were not mentioned in it before.

    ``writer``: how the content names its writer to its readers (a name, or a
    lazy "A participant" for a question asked anonymously, "A team member"
    for minutes whose author has no public profile); never name the writer
    otherwise. ``url(language)``: the content's absolute address in a
    language. ``where(language)``: what the content is, in that language
    ("the question “…”"). ``excerpt``: plain text from the start of the
    content (EXCERPT_LENGTH characters at most).

    Nothing is sent yet: the notification core (settings, the header's bell,
    emails) takes this over.
    """


def excerpt(html):
    """The start of stored HTML as plain text, for a notification."""
    text = " ".join(unescape(strip_tags(html)).split())
    return text if len(text) <= EXCERPT_LENGTH else text[:EXCERPT_LENGTH - 1] + "…"


def suggestions(user, typed, member_ids=None):
    """The members ``user`` may mention whose name has a word starting with ``typed``
    (case and accents ignored): at most MAX_SUGGESTIONS, by name, never ``user``;
    only among ``member_ids`` when given (a team's content)."""
    wanted = text_mentions.key(typed)
    if not wanted or len(wanted) > 100:
        return []
    found = []
    for pk, (name, organisation, folded) in _listed().people.items():
        if pk == user.pk or (member_ids is not None and pk not in member_ids):
            continue
        if f" {wanted}" in f" {folded}":  # at the start of a word of the name
            found.append((folded, pk, name, organisation))
    found.sort()
    return [{"name": name, "organisation": organisation}
            for _folded, _pk, name, organisation in found[:MAX_SUGGESTIONS]]


def suggestions_url(language, team_id=None):
    """The autocomplete's address in ``language`` ("" without a directory), for a
    team's content with its (default-language) team."""
    url = subpage_url(consent.DIRECTORY_PAGE, language, "mentions")
    if url and team_id is not None:
        url += f"?team={team_id}"
    return url
