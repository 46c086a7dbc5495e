"""The directory's and the teams' pages: each route of the two section pages
(models/pages.py) hands over to one of these, with the page.

Who may be shown comes from consent.py (people) and teams.py (a team's inside);
what a member may change of their own profile from profiles.py.
"""

from collections import Counter
from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

import caching
from accounts import limits
from accounts.models import OrganisationType
from pages.files import file_response
from topics.models import Topic, topic_slugs, versions_in_locale

from . import consent, contributions, mentions, profiles
from . import teams as team_rules
from .forms import ContactForm, DirectoryFilterForm, ProfileForm
from .models.records import SPOKEN_LANGUAGES, Profile
from .models.teams import Team, TeamMembership

PAGE_SIZE = 24


def _render(request, page, template, context):
    return TemplateResponse(request, template, {"page": page, "self": page, **context})


# --- The directory ------------------------------------------------------------------------


_FILTERS = {"q", "organisation_type", "topic", "team", "language", "page"}


def directory(request, page):
    form = DirectoryFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    key = _listing_key(request, page, chosen)

    def listing_html():
        listing = _listing(request, page, chosen)
        query = request.GET.copy()
        query.pop("page", None)
        return render_to_string("members/includes/listing.html", {
            "page": page, "page_obj": listing["page_obj"], "profiles": listing["rows"],
            "facets": listing["facets"], "filter_query": query.urlencode(),
            "has_filters": any(chosen.values()),
        }, request=request)

    # Listed profiles are the same for every member: the list and its counts
    # are rendered once and kept until a profile, a consent, a member's name,
    # a team or a topic changes ("members", "topics" and "pages" scopes).
    html = (listing_html() if key is None
            else caching.remember(("members", "topics", "pages"), key, listing_html))
    return _render(request, page, "members/directory.html", {
        # Rendered by our own template from escaped values.
        "form": form, "chosen": chosen, "listing_html": mark_safe(html),
        "invite": profiles.needs_completing(request.user),
    })


def _listing_key(request, page, chosen):
    """The cache key of this listing, or None when it is not one of the directory's
    own links (typed words, unknown parameters, odd values): those are computed
    afresh, so that no visitor can fill the cache at will."""
    filters = caching.filter_query_key(request.GET, _FILTERS)
    if filters is None or chosen.get("q") or (set(request.GET) - {"page"} and not chosen):
        return None
    if chosen.get("topic") and chosen["topic"] not in topic_slugs(page.locale.language_code):
        return None
    if chosen.get("team") and not Team.objects.filter(locale=page.locale,
                                                      slug=chosen["team"]).exists():
        return None
    return ("member-directory", page.locale_id, filters)


def _listing(request, page, chosen):
    """One page of the listed profiles matching ``chosen``, with the counts per
    filter value among them: the same for every member, a fixed number of queries."""
    listed = consent.listed_profiles()
    for word in (chosen.get("q") or "").split()[:6]:
        listed = listed.filter(Q(user__first_name__icontains=word)
                               | Q(user__last_name__icontains=word)
                               | Q(user__organisation__icontains=word))
    if chosen.get("organisation_type"):
        listed = listed.filter(user__organisation_type=chosen["organisation_type"])
    if chosen.get("topic"):
        topic = Topic.objects.filter(locale=page.locale, slug=chosen["topic"]).first()
        listed = listed.filter(expertise__translation_key=topic.translation_key) if topic \
            else listed.none()
    if chosen.get("team"):
        team = Team.objects.filter(locale=page.locale, slug=chosen["team"]).first()
        listed = listed.filter(user_id__in=TeamMembership.objects.filter(
            team__translation_key=team.translation_key).values("user_id")) if team \
            else listed.none()
    if chosen.get("language"):
        listed = listed.filter(language_codes__contains=f",{chosen['language']},")
    listed = listed.distinct()
    facets = _facets(page, listed, request.GET)
    page_obj = Paginator(listed.select_related("user").prefetch_related("expertise")
                         .order_by("user__first_name", "user__last_name", "pk"),
                         PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    localize_expertise(rows, page.locale)
    return {"rows": rows, "facets": facets, "page_obj": page_obj}


def localize_expertise(profiles_, locale):
    """Give each profile ``shown_expertise``: its topics named in ``locale`` (one query)."""
    names = versions_in_locale([t for p in profiles_ for t in p.expertise.all()], locale)
    for profile in profiles_:
        profile.shown_expertise = sorted(
            (names.get(t.translation_key, t) for t in profile.expertise.all()),
            key=lambda topic: topic.name)


def _filter_url(page, current, **change):
    query = current.copy()
    query.pop("page", None)
    for key, value in change.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return page.url + (f"?{encoded}" if encoded else "")


def _facets(page, listed, current):
    """Counts per filter value among ``listed`` (four queries, whatever their number)."""
    rows = list(listed.values_list("pk", "user_id", "user__organisation_type",
                                   "language_codes"))
    pks = [row[0] for row in rows]
    user_ids = [row[1] for row in rows]
    topic_keys = Counter(Profile.expertise.through.objects.filter(profile_id__in=pks)
                         .values_list("topic__translation_key", flat=True))
    team_keys = Counter(TeamMembership.objects.filter(user_id__in=user_ids)
                        .values_list("team__translation_key", flat=True))
    topics = Topic.objects.filter(locale=page.locale, translation_key__in=topic_keys) \
        .order_by("kind", "name")
    teams = Team.objects.filter(locale=page.locale, translation_key__in=team_keys) \
        .order_by("name")
    types = Counter(row[2] for row in rows)
    languages = Counter(code for row in rows for code in row[3].split(",") if code)

    def entry(key, label, value, count):
        active = current.get(key) == str(value)
        return {"label": label, "count": count, "active": active,
                "url": _filter_url(page, current, **{key: None if active else value})}

    return {
        "organisation_types": [entry("organisation_type", label, value, types[value])
                               for value, label in OrganisationType.choices if types[value]],
        "topics": [entry("topic", t.name, t.slug, topic_keys[t.translation_key])
                   for t in topics],
        "teams": [entry("team", t.name, t.slug, team_keys[t.translation_key]) for t in teams],
        "languages": [entry("language", label, code, languages[code])
                      for code, label in SPOKEN_LANGUAGES if languages[code]],
        "total": len(rows),
    }


# --- One profile ---------------------------------------------------------------------------


def _shown_profile(request, slug):
    """The profile at ``slug`` if the reader may see it; 404 otherwise (also when
    it exists: a profile without consent is nobody else's business)."""
    shown = Profile.objects.select_related("user").filter(slug=slug).first()
    if shown is None or not consent.may_see_profile(request.user, shown.user):
        raise Http404
    return shown


def profile(request, page, slug):
    shown = _shown_profile(request, slug)
    member = shown.user
    own = member.pk == request.user.pk
    expertise = list(shown.expertise.all())
    names = versions_in_locale(expertise, page.locale)
    shown.shown_expertise = sorted((names.get(t.translation_key, t) for t in expertise),
                                   key=lambda topic: topic.name)
    team_keys = Team.objects.filter(pk__in=team_rules.team_ids_of(member)) \
        .values("translation_key")
    teams = list(Team.objects.filter(locale=page.locale, translation_key__in=team_keys))
    return _render(request, page, "members/profile.html", {
        "profile": shown, "member": member, "own": own,
        "listed": member.pk in consent.listed_member_ids(),
        "show_email": consent.may_see_email(request.user, member),
        "teams": teams, "profile_sections": contributions.profile_sections(request, member),
    })


def photo(request, page, slug):
    """The profile's photo, only for those who may see the profile (never from /media/).

    Kept by the browser, never by a shared cache, and asked again each time it
    is shown (an unchanged photo is a short "not modified"): a withdrawn consent
    takes it away at once from those who had it too.
    """
    shown = _shown_profile(request, slug)
    if not shown.photo:
        raise Http404
    response = file_response(request, shown.photo.name, shown.photo.storage,
                             content_type="image/jpeg")
    response["Cache-Control"] = "private, no-cache"
    return response


def contact(request, page, slug):
    shown = _shown_profile(request, slug)
    member = shown.user
    if member.pk == request.user.pk:
        raise Http404
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            profiles.relay(request.user, member, form.cleaned_data["subject"],
                           form.cleaned_data["message"])
        except profiles.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your message is sent. They answer you by email."))
            return redirect(page.url_for("profile", slug=slug))
    return _render(request, page, "members/contact.html", {
        "profile": shown, "member": member, "form": form,
        "messages_left": profiles.messages_left(request.user),
    })


# --- One's own profile ---------------------------------------------------------------------


def edit_profile(request, page):
    """My profile: what others see of me, and whether they see it (two consents)."""
    member = request.user
    own = Profile.objects.of(member)
    texts = {kind: consent.current_text(kind) for kind in (consent.DIRECTORY, consent.EMAIL)}
    post = request.method == "POST"
    form = ProfileForm(request.POST if post else None, request.FILES if post else None,
                       locale=page.locale, consent_texts=texts, has_photo=bool(own.photo),
                       initial=profiles.initial_for(member))
    if post and form.is_valid():
        profiles.save(member, form.cleaned_data)
        messages.success(request, _("Your profile is saved. Your choices apply at once."))
        return redirect(page.url_for("edit_profile"))
    return _render(request, page, "members/profile_form.html", {
        "form": form, "profile": own, "history": consent.history(member),
        "listed": consent.state(member)[consent.DIRECTORY],
    })


# --- The autocomplete of mentions ----------------------------------------------------------


def mention_suggestions(request, page):
    """Up to eight members the reader may mention whose name has a word starting with
    ``q`` (members/mentions.py), as JSON for the text boxes' script. With ``team``
    (a team's content) only its members, and only for a reader who sees the
    team's inside: anyone else gets the 404 of a team that does not exist."""
    team_pk = request.GET.get("team", "")
    member_ids = None
    if team_pk:
        team = Team.objects.filter(pk=team_pk).first() \
            if team_pk.isascii() and team_pk.isdigit() and len(team_pk) < 19 else None
        if team is None or not team_rules.may_see_inside(request.user, team):
            raise Http404
        source = team.source.pk
        member_ids = mentions.team_members([source])[source]
    if not limits.take(f"mention-suggestions:{request.user.pk}", mentions.LOOKUPS_PER_MINUTE,
                       timedelta(minutes=1)):
        response = JsonResponse({"members": []}, status=429)
    else:
        response = JsonResponse({"members": mentions.suggestions(
            request.user, request.GET.get("q", "")[:100], member_ids)})
    # Names of the reader's colleagues: for this reader only, never kept on the way.
    response["Cache-Control"] = "private, no-store"
    return response
