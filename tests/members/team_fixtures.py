"""Fixtures for the teams' tests (imported by tests/members/test_teams*.py): a team of
the demo's kind made afresh, with a leader, a member, an outsider, a moderator
and a coordinator, and the consent of the people named."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Locale

from accounts.roles import COORDINATORS, EDITORS, MODERATORS, PARTICIPANTS
from members import consent
from members.models import (
    Minutes,
    MinutesAttachment,
    Team,
    TeamIndexPage,
    TeamMeeting,
    TeamMembership,
    TeamRole,
)
from translations.content import translate
from usertext.render import render_markdown

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def teams_page(demo):
    return TeamIndexPage.objects.get(locale__language_code="nl")


@pytest.fixture
def english_teams_page(demo):
    return TeamIndexPage.objects.get(locale__language_code="en")


def listed(user):
    consent.choose(user, {consent.DIRECTORY: True})
    return user


@pytest.fixture
def people(make_member):
    """{role: member}: a leader and a member of the team (both consented), an
    outsider, a moderator and a coordinator (none of them in the team)."""
    return {
        "leader": listed(make_member(first_name="Lea", last_name="Leider")),
        "member": listed(make_member(first_name="Mik", last_name="Lid")),
        "outsider": make_member(first_name="Otto", last_name="Buiten"),
        "moderator": make_member(PARTICIPANTS, MODERATORS, first_name="Mo"),
        "coordinator": make_member(PARTICIPANTS, EDITORS, COORDINATORS, first_name="Co"),
    }


def make_team(name="Textielteam", slug="textielteam", en_slug="textile-team"):
    team = Team.objects.create(locale=Locale.get_default(), name=name, slug=slug,
                               description="Samen textiel circulair inkopen.")
    translate(team, {"name": "Textile team", "slug": en_slug,
                     "description": "Buying textile the circular way."},
              Locale.objects.get(language_code="en"))
    return team


def add_minutes(team, author, title="Verslag geheimwoord", body="Het **geheimwoord** is oud."):
    return Minutes.objects.create(team=team, author=author, held_on="2026-01-15", title=title,
                                  body_markdown=body, body_html=render_markdown(body))


def attach_file(minutes, title="Bijlage geheim"):
    attachment = MinutesAttachment(minutes=minutes, title=title)
    attachment.file.save("bijlage.pdf", ContentFile(PDF), save=True)
    return attachment


@pytest.fixture
def team(demo, people):
    from django.utils import timezone

    made = make_team()
    TeamMembership.objects.create(team=made, user=people["leader"], role=TeamRole.LEADER)
    TeamMembership.objects.create(team=made, user=people["member"])
    now = timezone.now()
    made.meeting = TeamMeeting.objects.create(
        team=made, title="Overleg geheim", starts_at=now + timezone.timedelta(days=3),
        ends_at=now + timezone.timedelta(days=3, hours=1), place="Gent")
    made.minutes_entry = add_minutes(made, people["member"])
    made.attachment = attach_file(made.minutes_entry)
    return made


def team_url(page, team, route="team", **kwargs):
    shown = team if team.locale_id == page.locale_id else team.get_translation(page.locale)
    return page.url + page.reverse_subpage(route, kwargs={"slug": shown.slug, **kwargs})
