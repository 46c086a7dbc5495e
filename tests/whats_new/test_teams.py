"""The teams' news for a member (members/whats_new.py): minutes and meetings added in
the teams they belong to, never their own, and gone when they leave."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import COORDINATORS, EDITORS, PARTICIPANTS
from members.models import Minutes, TeamMeeting, TeamMembership
from tests.members.team_fixtures import add_minutes, make_team
from tests.whats_new.helpers import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(demo, make_member):
    team = make_team()
    team.people = {name: make_member(first_name=name) for name in ("Lea", "Mik")}
    for person in team.people.values():
        TeamMembership.objects.create(team=team, user=person)
    return team


def meeting(team, by, starts_in=timedelta(days=3)):
    starts_at = timezone.now() + starts_in
    return TeamMeeting.objects.create(team=team, title="Volgend overleg", starts_at=starts_at,
                                      ends_at=starts_at + timedelta(hours=1), created_by=by)


def test_minutes_and_meetings_of_the_members_team(news, team):
    lea, mik = team.people["Lea"], team.people["Mik"]
    minutes = add_minutes(team, lea, title="Verslag van de kick-off")
    planned = meeting(team, lea)
    section = news(mik)["teams"]
    assert [(item.title, item.label, item.why) for item in section.items] == [
        ("Volgend overleg", "Nieuw overleg", "Jouw team Textielteam"),
        ("Verslag van de kick-off", "Nieuw verslag", "Jouw team Textielteam"),
    ]
    assert section.items[0].when == planned.starts_at
    assert section.items[1].url == f"/nl/teams/textielteam/#minutes-{minutes.pk}"
    english = news(mik, language="en")["teams"]
    assert english.title == "Your teams"
    assert english.items[1].why == "Your team Textile team"
    assert english.items[1].url == f"/en/teams/textile-team/#minutes-{minutes.pk}"


def test_what_the_member_added_is_no_news_to_them(news, team):
    lea = team.people["Lea"]
    add_minutes(team, lea)
    meeting(team, lea)
    assert "teams" not in news(lea)


def test_outsiders_and_coordinators_outside_the_team_get_nothing(news, team, make_member,
                                                                  reader):
    add_minutes(team, team.people["Lea"])
    meeting(team, team.people["Lea"])
    coordinator = make_member(PARTICIPANTS, EDITORS, COORDINATORS)
    assert "teams" not in news(reader)
    assert "teams" not in news(coordinator)  # may see inside, but it is not their team


def test_a_member_who_leaves_gets_nothing_more(news, team):
    lea, mik = team.people["Lea"], team.people["Mik"]
    add_minutes(team, lea)
    assert "teams" in news(mik)
    TeamMembership.objects.filter(user=mik).delete()
    assert "teams" not in news(fresh(mik))


def test_past_meetings_and_older_additions_are_no_news(news, team, start):
    lea, mik = team.people["Lea"], team.people["Mik"]
    meeting(team, lea, starts_in=-timedelta(hours=3))
    older = meeting(team, lea)
    TeamMeeting.objects.filter(pk=older.pk).update(created_at=start - timedelta(days=1))
    unknown = meeting(team, lea)
    TeamMeeting.objects.filter(pk=unknown.pk).update(created_at=None)  # before it was kept
    old_minutes = add_minutes(team, lea)
    Minutes.objects.filter(pk=old_minutes.pk).update(created_at=start - timedelta(days=1))
    assert "teams" not in news(mik)
