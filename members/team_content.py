"""What a team's page shows every reader alike, read once per change and shared.

A team (with its default-language source), its members' names and roles,
its topics, its newest minutes with their files and authors, and its
meetings are kept in the shared cache (caching, scope "teams"; "topics" for
the topics' names). A new generation starts when any of them changes, or a
member's name. What depends on the reader is still decided per request: who
may see the inside and manage it (teams.py, from the reader's own
memberships) and whose name is shown (consent.py) — the kept part is only
handed to a template after those checks.

Meetings depend on the clock: the kept list holds the meetings that had not
ended when the hour began and the last few before it, and each request
splits them at its own "now" (``meetings``). Only the newest minutes are on
the team page; the rest are on its minutes pages (``minutes_page``).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

import caching

from .models.teams import Minutes, MinutesAttachment, Team, TeamMeeting, TeamMembership, TeamRole

MINUTES_SHOWN = 5  # on the team page, newest first
MINUTES_PER_PAGE = 10  # on the minutes pages
UPCOMING_KEPT = 12  # meetings not yet ended, soonest first
EARLIER_SHOWN = 5  # meetings that ended, newest first


@dataclass(frozen=True)
class Member:
    user_id: int
    role: str
    full_name: str

    @property
    def is_leader(self):
        return self.role == TeamRole.LEADER


@dataclass
class TeamContent:
    source: Team
    members: list  # Member, leaders first, then by name
    topics: list  # the source team's topics, by name
    minutes: list  # the newest MINUTES_SHOWN, with files and authors
    minutes_count: int
    coming: list  # meetings not ended at ``hour``, soonest first
    earlier: list  # meetings ended before ``hour``, newest first
    hour: datetime


def find_team(locale, slug):
    """The team of ``locale`` with ``slug`` (its source read with it); Http404 when
    there is none (only teams that exist are kept: nobody fills the cache at will)."""
    def load():
        team = Team.objects.select_related("locale").filter(locale=locale, slug=slug).first()
        if team is None:
            raise Http404
        team.source  # noqa: B018 -- read now, so the kept team carries it
        return team
    # "pages": the default locale, which names the source.
    return caching.remember(("teams", "pages"), ("team", locale.pk, slug), load)


def content(team):
    """The kept content of ``team`` (either language) for the current hour."""
    source = team.source
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    return caching.remember(("teams", "topics"), ("team-content", source.pk, hour.isoformat()),
                            lambda: _load(source, hour))


def _load(source, hour):
    memberships = TeamMembership.objects.filter(team=source).select_related("user") \
        .only("user_id", "role", "user__first_name", "user__last_name", "user__email")
    members = sorted((Member(m.user_id, m.role, m.user.full_name) for m in memberships),
                     key=lambda m: (not m.is_leader, m.full_name.lower()))
    topics = sorted(source.topics.all(), key=lambda topic: topic.name)
    minutes = _minutes(source)
    return TeamContent(
        source=source, members=members, topics=topics,
        minutes=list(minutes[:MINUTES_SHOWN]), minutes_count=minutes.count(),
        coming=list(TeamMeeting.objects.filter(team=source, ends_at__gte=hour)
                    .order_by("starts_at", "pk")[:UPCOMING_KEPT]),
        earlier=list(TeamMeeting.objects.filter(team=source, ends_at__lt=hour)
                     .order_by("-starts_at", "-pk")[:EARLIER_SHOWN]),
        hour=hour)


def _minutes(source):
    return (Minutes.objects.filter(team=source).select_related("author")
            .defer("body_markdown")  # what pages show is body_html
            .prefetch_related(Prefetch("attachments",
                                       queryset=MinutesAttachment.objects.all())))


def meetings(kept, now=None):
    """(upcoming, earlier) meetings at ``now``: those that ended since the hour
    began move from the first list to the second."""
    now = now or timezone.now()
    upcoming = [m for m in kept.coming if m.ends_at >= now]
    ended = [m for m in kept.coming if m.ends_at < now]
    earlier = sorted(ended + kept.earlier, key=lambda m: (m.starts_at, m.pk),
                     reverse=True)[:EARLIER_SHOWN]
    return upcoming, earlier


def minutes_page(team, number):
    """Page ``number`` of all of ``team``'s minutes, newest first (read per request:
    older minutes are rarely read)."""
    paginator = Paginator(_minutes(team.source), MINUTES_PER_PAGE)
    return paginator.get_page(number)
