"""The teams' pages: each route of the teams page (TeamIndexPage in models/pages.py)
hands over to one of these, with the page.

What a reader may see comes from teams.py (a team's inside) and consent.py
(a person's name); what they may change from teams.py. Both are decided per
request, from the reader's own memberships: a member who leaves loses the
inside on their next click. What every admitted reader sees alike (members,
minutes, meetings) comes from the shared cache (team_content.py). Changes
are POSTs only.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from accounts.roles import is_coordinator
from pages.files import file_response
from topics.models import versions_in_locale
from webinars.calendar import event_ics

from . import consent, contributions, mentions, team_content
from . import teams as rules
from .models.teams import (
    JoinRequest,
    Minutes,
    MinutesAttachment,
    Team,
    TeamMeeting,
    TeamMembership,
    TeamRole,
)
from .team_forms import AttachmentForm, JoinForm, MeetingForm, MinutesForm

PRIVATE = "private, no-store"


def _render(request, page, template, context, private=False):
    response = TemplateResponse(request, template, {"page": page, "self": page, **context})
    if private:
        # The inside of a team: never kept by a browser or a proxy (the back
        # button after leaving asks the server again).
        response["Cache-Control"] = PRIVATE
    return response


def _post_only(request):
    if request.method != "POST":
        raise Http404


def _team(page, slug):
    return team_content.find_team(page.locale, slug)


def _inside(request, page, slug):
    """The team, for a reader who may see its inside; 404 for anyone else (an
    outsider learns nothing from the answer about what is inside)."""
    team = _team(page, slug)
    if not rules.may_see_inside(request.user, team):
        raise Http404
    return team


def _team_url(page, team):
    return page.url_for("team", slug=team.slug)


def _people(members, language):
    """Name only those others may see (consent.py): the rest are counted. ``members``:
    objects with a ``user_id``; those named get their ``profile_url``."""
    urls = consent.profile_urls([m.user_id for m in members], language)
    return [Named(member, urls[member.user_id]) for member in members
            if member.user_id in urls]


@dataclass(frozen=True)
class Named:
    """A team member (team_content.Member) whose profile others may see."""

    member: team_content.Member
    profile_url: str

    user_id = property(lambda self: self.member.user_id)
    full_name = property(lambda self: self.member.full_name)
    role = property(lambda self: self.member.role)
    is_leader = property(lambda self: self.member.is_leader)


def _localized_topics(teams, page, request, sources):
    """Each team's topics (its source's: see Team) named in the page's language;
    ``sources``: {team pk: its source team pk}."""
    rows = Team.topics.through.objects.filter(team_id__in=set(sources.values())) \
        .select_related("topic")
    by_source = {}
    for row in rows:
        by_source.setdefault(row.team_id, []).append(row.topic)
    topics = {team.pk: sorted(by_source.get(sources[team.pk], []), key=lambda t: t.name)
              for team in teams}
    shown = versions_in_locale([t for ts in topics.values() for t in ts], page.locale, request)
    for team in teams:
        team.shown_topics = [shown.get(t.translation_key, t) for t in topics[team.pk]]


# --- The index ---------------------------------------------------------------------


def index(request, page):
    teams = list(rules.teams_in(page.locale))
    keys = [team.translation_key for team in teams]
    sources = dict(Team.objects.filter(translation_key__in=keys, locale=Locale.get_default())
                   .values_list("translation_key", "pk"))
    memberships = {}
    for membership in (TeamMembership.objects.filter(team_id__in=sources.values())
                       .select_related("user").only("team_id", "user_id", "role",
                                                    "user__first_name", "user__last_name",
                                                    "user__email")):
        memberships.setdefault(membership.team_id, []).append(team_content.Member(
            membership.user_id, membership.role, membership.user.full_name))
    mine = rules.team_ids_of(request.user)
    asked = set(JoinRequest.objects.filter(user=request.user, team_id__in=sources.values())
                .values_list("team_id", flat=True)) if request.user.is_authenticated else set()
    leaders = [m for ms in memberships.values() for m in ms if m.role == TeamRole.LEADER]
    named = {m.user_id: m for m in _people(leaders, page.locale.language_code)}
    _localized_topics(teams, page, request,
                      {team.pk: sources.get(team.translation_key, team.pk) for team in teams})
    for team in teams:
        source_pk = sources.get(team.translation_key, team.pk)
        members = memberships.get(source_pk, [])
        team.member_count = len(members)
        team.leaders = [named[m.user_id] for m in members
                        if m.role == TeamRole.LEADER and m.user_id in named]
        team.unnamed_leaders = sum(1 for m in members if m.role == TeamRole.LEADER
                                   and m.user_id not in named)
        team.is_mine = source_pk in mine
        team.asked = source_pk in asked
    teams.sort(key=lambda team: (not team.is_mine, team.name.lower()))
    return _render(request, page, "members/teams.html", {"teams": teams})


# --- One team ---------------------------------------------------------------------------


def team(request, page, slug):
    shown = _team(page, slug)
    user = request.user
    language = page.locale.language_code
    kept = team_content.content(shown)
    inside = rules.may_see_inside(user, shown)
    member = rules.is_member(user, shown)
    managing = rules.may_manage(user, shown)
    named = _people(kept.members, language)
    leaders = [m for m in named if m.is_leader]
    shown.shown_topics = _topics_in(kept.topics, page, request)
    context = {
        "team": shown, "inside": inside, "is_member": member, "managing": managing,
        "member_count": len(kept.members), "leaders": leaders,
        "unnamed_leaders": sum(1 for m in kept.members if m.is_leader) - len(leaders),
        "join_request": None if member else rules.pending_request(user, shown),
        "join_form": JoinForm(),
    }
    if inside:
        context.update(_inside_context(request, page, shown, kept, named, managing))
    return _render(request, page, "members/team.html", context, private=inside)


def _topics_in(topics, page, request):
    shown = versions_in_locale(topics, page.locale, request)
    return [shown.get(topic.translation_key, topic) for topic in topics]


def _inside_context(request, page, team, kept, named, managing):
    language = page.locale.language_code
    minutes = kept.minutes
    _mark_minutes(request, minutes, language, managing, kept)
    requests = list(JoinRequest.objects.filter(team=kept.source).select_related("user")) \
        if managing else []
    # A coordinator deciding on a request sees who asked (they run the teams);
    # a leader sees the name only with the requester's consent.
    request_urls = consent.profile_urls([r.user_id for r in requests], language)
    coordinator = is_coordinator(request.user)
    for join_request in requests:
        join_request.profile_url = request_urls.get(join_request.user_id, "")
        join_request.named = coordinator or join_request.user_id in request_urls
    upcoming, earlier = team_content.meetings(kept)
    return {
        "members": named, "unnamed_members": len(kept.members) - len(named),
        "upcoming": upcoming, "past_meetings": earlier,
        "minutes": minutes, "older_minutes": kept.minutes_count - len(minutes),
        "requests": requests,
        "team_sections": contributions.team_sections(request, kept.source),
        "team_url": _team_url(page, team),
    }


def _mark_minutes(request, minutes, language, managing, kept):
    """Sign each minutes (consent), link their mentions (of the team's members) and
    say whether the reader may edit them."""
    rules.signatures(minutes, language)
    mentions.show(minutes, language, team_of=lambda entry: kept.source.pk,
                  members={kept.source.pk: frozenset(m.user_id for m in kept.members)})
    for entry in minutes:
        entry.may_edit = rules.may_edit_minutes(request.user, entry, managing)


def all_minutes(request, page, slug):
    """Every minutes of the team, newest first, a page at a time."""
    shown = _inside(request, page, slug)
    minutes = team_content.minutes_page(shown, request.GET.get("page"))
    _mark_minutes(request, minutes.object_list, page.locale.language_code,
                  rules.may_manage(request.user, shown), team_content.content(shown))
    return _render(request, page, "members/team_minutes.html", {
        "team": shown, "minutes": minutes, "team_url": _team_url(page, shown)}, private=True)


# --- Joining and leaving ----------------------------------------------------------------


def join(request, page, slug):
    _post_only(request)
    shown = _team(page, slug)
    form = JoinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your message could not be sent: %(error)s")
                       % {"error": " ".join(form.errors.get("message", []))})
        return redirect(_team_url(page, shown))
    try:
        rules.ask_to_join(request.user, shown, form.cleaned_data["message"])
    except rules.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your request is sent to the team leader."))
    return redirect(_team_url(page, shown))


def withdraw(request, page, slug):
    _post_only(request)
    shown = _team(page, slug)
    rules.withdraw(request.user, shown)
    messages.success(request, _("Your request to join is withdrawn."))
    return redirect(_team_url(page, shown))


def leave(request, page, slug):
    """A page that asks to confirm; the POST of its form leaves."""
    shown = _team(page, slug)
    if not rules.is_member(request.user, shown):
        raise Http404
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        rules.leave(request.user, shown)
        messages.success(request, _("You have left the team %(team)s.") % {"team": shown.name})
        return redirect(page.url)
    return _render(request, page, "members/team_leave.html", {"team": shown}, private=True)


def decide(request, page, slug, pk, decision):
    _post_only(request)
    shown = _inside(request, page, slug)
    join_request = get_object_or_404(JoinRequest.objects.select_related("user", "team"),
                                     pk=pk, team=shown.source)
    if decision not in ("accept", "decline"):
        raise Http404
    try:
        if decision == "accept":
            done = rules.accept(request.user, join_request) is not None
            if done:
                messages.success(request, _("Accepted: the new member is told by email."))
        else:
            done = rules.decline(request.user, join_request)
            if done:
                messages.success(request, _("The request is declined."))
    except rules.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        if not done:
            messages.info(request, _("Someone else already answered this request."))
    return redirect(_team_url(page, shown) + "#requests")


def remove(request, page, slug, user_pk):
    _post_only(request)
    shown = _inside(request, page, slug)
    membership = get_object_or_404(TeamMembership.objects.select_related("user"),
                                   team=shown.source, user_id=user_pk)
    try:
        rules.remove(request.user, shown, membership.user)
    except rules.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The member is removed from the team."))
    return redirect(_team_url(page, shown) + "#members")


# --- Meetings ---------------------------------------------------------------------------


def new_meeting(request, page, slug):
    shown = _inside(request, page, slug)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            rules.add_meeting(request.user, shown, **form.meeting_fields())
        except rules.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The meeting is added."))
            return redirect(_team_url(page, shown) + "#meetings")
    return _render(request, page, "members/team_meeting_form.html",
                   {"team": shown, "form": form}, private=True)


def meeting_calendar(request, page, slug, pk):
    shown = _inside(request, page, slug)
    meeting = get_object_or_404(TeamMeeting, pk=pk, team=shown.source)
    url = request.build_absolute_uri(_team_url(page, shown))
    location = meeting.place or meeting.online_url
    description = "\n".join(part for part in (shown.name, meeting.online_url, url) if part)
    response = HttpResponse(
        event_ics(f"team-meeting-{meeting.pk}", meeting.starts_at, meeting.ends_at,
                  meeting.title, description, location, url, product="Teams"),
        content_type="text/calendar")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{slugify(meeting.title) or 'meeting'}.ics")
    response["Cache-Control"] = PRIVATE
    return response


# --- Minutes and their files ------------------------------------------------------------


def _minutes_form(request, page, shown, context):
    return _render(request, page, "members/team_minutes_form.html", {
        "team": shown, **context,
        "mentions_url": mentions.suggestions_url(page.locale.language_code, shown.source.pk),
    }, private=True)


def _tell_mentioned(request, team, minutes, before_html):
    """Tell the team's members whom saved minutes newly mention (members/mentions.py):
    the minutes' one call of mentions.notify_mentioned."""
    users = mentions.mentions_to_notify(
        before_html, minutes.body_html, writers=[minutes.author, request.user],
        may_see=lambda user: rules.may_see_inside(user, team), team_id=minutes.team_id)
    if not users:
        return
    # Signed as the minutes are (teams.signatures): the name only with a public profile.
    author = minutes.author
    writer = author.full_name if author is not None and consent.profile_slugs([author.pk]) \
        else gettext_lazy("A team member")
    title, pk = minutes.title, minutes.pk

    def url(language):
        return rules.team_url(team, language, absolute=True) + f"#minutes-{pk}"

    def where(language):
        with translation.override(language):
            return _("the minutes “%(title)s” of %(team)s") % {
                "title": title, "team": rules.team_in(team, language).name}

    excerpt = mentions.excerpt(minutes.body_html)
    transaction.on_commit(lambda: mentions.notify_mentioned(
        users, writer=writer, url=url, where=where, excerpt=excerpt))


def new_minutes(request, page, slug):
    shown = _inside(request, page, slug)
    form = MinutesForm(request.POST if request.method == "POST" else None,
                       initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            minutes = rules.write_minutes(request.user, shown, data["held_on"], data["title"],
                                          data["body"])
        except rules.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            _tell_mentioned(request, shown, minutes, "")
            messages.success(request, _("The minutes are saved. You can add files to them "
                                        "here."))
            return redirect(page.url_for("edit_minutes", slug=shown.slug, pk=minutes.pk))
    return _minutes_form(request, page, shown, {"form": form, "minutes": None})


def edit_minutes(request, page, slug, pk):
    shown = _inside(request, page, slug)
    minutes = get_object_or_404(Minutes.objects.prefetch_related("attachments"), pk=pk,
                                team=shown.source)
    if not rules.may_edit_minutes(request.user, minutes):
        raise Http404
    posted = request.POST if request.method == "POST" else None
    uploading = posted is not None and "upload" in request.POST
    form = MinutesForm(None if uploading else posted, initial={
        "held_on": minutes.held_on, "title": minutes.title, "body": minutes.body_markdown})
    upload = AttachmentForm(posted if uploading else None,
                            request.FILES if uploading else None)
    if uploading and upload.is_valid():
        rules.attach(request.user, minutes, upload.cleaned_data["title"],
                     upload.cleaned_data["file"])
        messages.success(request, _("The file is added."))
        return redirect(page.url_for("edit_minutes", slug=shown.slug, pk=minutes.pk))
    if posted is not None and not uploading and form.is_valid():
        data = form.cleaned_data
        before_html = minutes.body_html
        rules.edit_minutes(request.user, minutes, data["held_on"], data["title"], data["body"])
        _tell_mentioned(request, shown, minutes, before_html)
        messages.success(request, _("Your changes are saved."))
        return redirect(_team_url(page, shown) + f"#minutes-{minutes.pk}")
    return _minutes_form(request, page, shown, {"form": form, "upload": upload,
                                                "minutes": minutes})


def attachment(request, page, slug, pk):
    """A file of the minutes, only for those who see the team's inside (never from /media/)."""
    shown = _inside(request, page, slug)
    attached = get_object_or_404(MinutesAttachment, pk=pk, minutes__team=shown.source)
    response = file_response(request, attached.file.name, attached.file.storage)
    response["Content-Disposition"] = content_disposition_header(True, attached.filename)
    response["Cache-Control"] = PRIVATE
    return response
