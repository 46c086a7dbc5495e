"""Who sees a team's inside, and who may change its membership: the one place.

* Every member sees a team's public face: name, description, topics, leader,
  member count and the button to ask to join.
* Its inside (members' list, meetings, minutes and their files, team-only
  forum questions) is seen by its members and by coordinators; moderators
  see the team-only questions too (the forum asks ``may_see_inside`` and
  adds them). Nobody else, anywhere: pages, search, emails, feeds, exports.
* The leader or a coordinator accepts a request to join. A member who leaves
  (or is removed) loses access at once: membership is read per request.

Memberships belong to the team in the default language (``Team.source``):
pass either language's team.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import is_coordinator

from .models.teams import JoinRequest, Team, TeamMembership, TeamRole


class Refused(Exception):
    """A change to a team that is not allowed; its message is for the member."""


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def team_ids_of(user):
    """The pks (default-language teams) of the teams ``user`` belongs to, once per request."""
    if not _active(user):
        return frozenset()
    cached = getattr(user, "_leerkring_team_ids", None)
    if cached is None:
        cached = frozenset(TeamMembership.objects.filter(user=user)
                           .values_list("team_id", flat=True))
        user._leerkring_team_ids = cached
    return cached


def forget_teams(user):
    """After a change of ``user``'s memberships in this request."""
    user.__dict__.pop("_leerkring_team_ids", None)


def is_member(user, team):
    return team.source.pk in team_ids_of(user)


def is_leader(user, team):
    return _active(user) and TeamMembership.objects.filter(
        team=team.source, user=user, role=TeamRole.LEADER).exists()


def may_see_inside(user, team):
    """Members' list, meetings, minutes and their files of ``team``."""
    return is_member(user, team) or is_coordinator(user)


def may_manage(user, team):
    """Accept or decline requests to join, remove members: the leader or a coordinator."""
    return is_leader(user, team) or is_coordinator(user)


def ask_to_join(user, team, message=""):
    team = team.source
    if not _active(user):
        raise Refused(_("Log in to ask to join a team."))
    if is_member(user, team):
        raise Refused(_("You are already a member of this team."))
    request, _made = JoinRequest.objects.get_or_create(team=team, user=user,
                                                       defaults={"message": message})
    return request


@transaction.atomic
def accept(by, join_request):
    if not may_manage(by, join_request.team):
        raise Refused(_("Only the team leader or a coordinator can accept members."))
    membership, _made = TeamMembership.objects.get_or_create(
        team=join_request.team, user=join_request.user)
    join_request.delete()
    forget_teams(join_request.user)
    return membership


def decline(by, join_request):
    if not may_manage(by, join_request.team):
        raise Refused(_("Only the team leader or a coordinator can decline requests."))
    join_request.delete()


def leave(user, team):
    TeamMembership.objects.filter(team=team.source, user=user).delete()
    forget_teams(user)


def teams_in(locale):
    """The teams of a language, each with its member count (of its default-language team)."""
    return Team.objects.filter(locale=locale)
