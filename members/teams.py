"""Who sees a team's inside, and who may change it: the one place.

* Every member sees a team's public face: name, description, topics, leader,
  member count and the button to ask to join.
* Its inside (members' list, meetings, minutes and their files, team-only
  forum questions) is seen by its members and by coordinators; moderators
  see the team-only questions too (the forum asks ``may_see_inside`` and
  adds them). Nobody else, anywhere: pages, search, emails, feeds, exports.
* The leader or a coordinator accepts a request to join. A member who leaves
  (or is removed) loses access at once: membership is read per request,
  never kept in a cache shared between readers.
* Members (and coordinators) add meetings and write minutes; an author edits
  their own minutes while a member, the leader and coordinators edit all.
* Minutes are signed with their author's name only while the author's
  profile is consented (members.consent); otherwise "a team member".

Memberships belong to the team in the default language (``Team.source``):
pass either language's team.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.roles import is_coordinator
from pages.sections import subpage_url
from usertext.render import render_markdown

from . import consent
from .models.teams import (
    JoinRequest,
    Minutes,
    MinutesAttachment,
    Team,
    TeamMeeting,
    TeamMembership,
    TeamRole,
)

# The teams page by its label: it imports the views, which import this module.
TEAMS_PAGE = "members.TeamIndexPage"


class Refused(Exception):
    """A change to a team that is not allowed; its message is for the member."""


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def _roles_of(user):
    """{team pk (default language): role} of ``user``'s memberships, once per request."""
    if not _active(user):
        return {}
    cached = getattr(user, "_leerkring_team_roles", None)
    if cached is None:
        cached = dict(TeamMembership.objects.filter(user=user).order_by()
                      .values_list("team_id", "role"))
        user._leerkring_team_roles = cached
    return cached


def team_ids_of(user):
    """The pks (default-language teams) of the teams ``user`` belongs to, once per request."""
    return frozenset(_roles_of(user))


def forget_teams(user):
    """After a change of ``user``'s memberships in this request."""
    user.__dict__.pop("_leerkring_team_roles", None)


def is_member(user, team):
    return team.source.pk in _roles_of(user)


def is_leader(user, team):
    return _roles_of(user).get(team.source.pk) == TeamRole.LEADER


def may_see_inside(user, team):
    """Members' list, meetings, minutes and their files of ``team``."""
    return _active(user) and (is_member(user, team) or is_coordinator(user))


def may_manage(user, team):
    """Accept or decline requests to join, remove members: the leader or a coordinator."""
    return _active(user) and (is_coordinator(user) or is_leader(user, team))


def may_write(user, team):
    """Add meetings and minutes: the team's members and coordinators."""
    return may_see_inside(user, team)


def may_edit_minutes(user, minutes, managing=None):
    """Their author while still in the team; the leader and coordinators always.
    ``managing``: may_manage(user, team) when already known."""
    if managing is None:
        managing = may_manage(user, minutes.team)
    return managing or (_active(user) and minutes.author_id == user.pk
                        and is_member(user, minutes.team))


# --- Joining and leaving ------------------------------------------------------------


def pending_request(user, team):
    if not _active(user):
        return None
    return JoinRequest.objects.filter(team=team.source, user=user).first()


def ask_to_join(user, team, message=""):
    team = team.source
    if not _active(user):
        raise Refused(_("Log in to ask to join a team."))
    if is_member(user, team):
        raise Refused(_("You are already a member of this team."))
    request, _made = JoinRequest.objects.get_or_create(team=team, user=user,
                                                       defaults={"message": message.strip()})
    return request


def withdraw(user, team):
    """Take back one's own request to join (nothing happens when there is none)."""
    JoinRequest.objects.filter(team=team.source, user=user).delete()


def _claim(join_request):
    """Delete the request; whether this call did (a request is handled once, however
    many leaders press at the same moment: the delete takes the row's lock, and
    the second one finds nothing left to delete)."""
    return JoinRequest.objects.filter(pk=join_request.pk).delete()[0] > 0


def accept(by, join_request):
    """Make the requester a member and email them; None when someone else already
    handled the request."""
    if not may_manage(by, join_request.team):
        raise Refused(_("Only the team leader or a coordinator can accept members."))
    with transaction.atomic():
        if not _claim(join_request):
            return None
        try:
            with transaction.atomic():
                membership = TeamMembership.objects.create(team=join_request.team,
                                                           user=join_request.user)
        except IntegrityError:  # made a member in the admin meanwhile
            return TeamMembership.objects.get(team=join_request.team, user=join_request.user)
        transaction.on_commit(lambda: tell_accepted(membership))
    forget_teams(join_request.user)
    return membership


def decline(by, join_request):
    if not may_manage(by, join_request.team):
        raise Refused(_("Only the team leader or a coordinator can decline requests."))
    return _claim(join_request)


def leave(user, team):
    TeamMembership.objects.filter(team=team.source, user=user).delete()
    forget_teams(user)


def remove(by, team, member):
    """The leader or a coordinator takes ``member`` out of the team (not themselves:
    they leave)."""
    if not may_manage(by, team):
        raise Refused(_("Only the team leader or a coordinator can remove members."))
    if member.pk == by.pk:
        raise Refused(_("To leave the team yourself, use “Leave this team”."))
    TeamMembership.objects.filter(team=team.source, user=member).delete()
    forget_teams(member)


def team_in(team, language):
    """``team`` in ``language`` when translated, else the team itself."""
    if team.locale.language_code == language:
        return team
    return (Team.objects.filter(translation_key=team.translation_key,
                                locale__language_code=language).first() or team)


def team_url(team, language, absolute=False):
    shown = team_in(team, language)
    return subpage_url(TEAMS_PAGE, language, "team", absolute=absolute, slug=shown.slug)


def tell_accepted(membership):
    """Email the new member, in their language, with the link to the team."""
    user = membership.user
    if not user.is_active or not user.email:
        return
    language = user.preferred_language
    with translation.override(language):
        team = team_in(membership.team, language)
        context = {"user": user, "team": team, "url": team_url(team, language, absolute=True),
                   "site_name": settings.WAGTAIL_SITE_NAME}
        subject = render_to_string("members/email/team_accepted_subject.txt", context)
        body = render_to_string("members/email/team_accepted_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


# --- Meetings and minutes -------------------------------------------------------------


def add_meeting(by, team, **fields):
    if not may_write(by, team):
        raise Refused(_("Only the team's members can add meetings."))
    return TeamMeeting.objects.create(team=team.source, created_by=by, **fields)


def write_minutes(by, team, held_on, title, body, meeting=None):
    if not may_write(by, team):
        raise Refused(_("Only the team's members can write minutes."))
    return Minutes.objects.create(team=team.source, author=by, held_on=held_on,
                                  title=title.strip(), body_markdown=body,
                                  body_html=render_markdown(body), meeting=meeting)


def edit_minutes(by, minutes, held_on, title, body):
    if not may_edit_minutes(by, minutes):
        raise Refused(_("Only their author, the team leader or a coordinator can change "
                        "these minutes."))
    minutes.held_on, minutes.title = held_on, title.strip()
    minutes.body_markdown, minutes.body_html = body, render_markdown(body)
    minutes.save(update_fields=["held_on", "title", "body_markdown", "body_html",
                                "updated_at"])
    return minutes


def attach(by, minutes, title, file):
    if not may_edit_minutes(by, minutes):
        raise Refused(_("Only their author, the team leader or a coordinator can add files "
                        "to these minutes."))
    return MinutesAttachment.objects.create(minutes=minutes, title=title.strip(), file=file)


def signatures(minutes_list, language):
    """Give each minutes ``signed_by`` (the author's name while their profile is
    consented, else "a team member") and ``signed_url`` (their profile, or "")."""
    authors = {minutes.author_id for minutes in minutes_list} - {None}
    urls = consent.profile_urls(authors, language)
    for minutes in minutes_list:
        if minutes.author_id in urls:
            minutes.signed_by = minutes.author.full_name
            minutes.signed_url = urls[minutes.author_id]
        else:
            minutes.signed_by = _("A team member")
            minutes.signed_url = ""


def teams_in(locale):
    """The teams of a language."""
    return Team.objects.filter(locale=locale)
