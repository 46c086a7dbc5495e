"""The teams' visibility matrix: (team member, leader, outsider, moderator, coordinator,
anonymous) × (team page inside, minutes, files, meetings' .ics, a team-only question's
page, forum lists, search, emails, data export). Each cell is asserted; any leak fails.

Marked words (geheim, "secret") are in the team's minutes, meeting, file and question:
what an outsider gets must not contain them.
"""

import json

import pytest
from django.core import mail

from accounts.personal_data import collect
from forum import posting
from forum.models import ForumIndexPage, ModerationMode, ModerationRule, Question, Status
from leerkring.settings.base import search_connections
from members import teams as rules
from notices.models import Notification
from sitesearch import queue
from sitesearch.search import search
from tests.members.team_fixtures import *  # noqa: F403
from tests.members.team_fixtures import team_url
from topics.models import Topic

pytestmark = pytest.mark.django_db
ROLES = ["member", "leader", "outsider", "moderator", "coordinator", "anonymous"]
INSIDE = {"member", "leader", "coordinator"}  # members and coordinators (members.teams)
QUESTION_READERS = {"member", "leader", "moderator", "coordinator"}  # coordinators moderate


def _client(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    return client


@pytest.fixture
def question(team, people):
    topic = Topic.objects.get(locale__language_code="nl", slug="textiel")
    ModerationRule.objects.update_or_create(topic=topic, defaults={"mode": ModerationMode.NONE})
    return posting.ask(people["member"], topic, "Geheimvraag over textielbestek?",
                       "Wie kent het geheimbestek voor textiel?", "nl", team=team)


def _forum():
    return ForumIndexPage.objects.get(locale__language_code="nl")


@pytest.mark.parametrize("role", ROLES)
def test_team_page_inside(client, team, teams_page, people, role):
    response = _client(client, people, role).get(team_url(teams_page, team))
    if role == "anonymous":
        assert response.status_code == 302
        return
    html = response.content.decode()
    assert response.status_code == 200
    assert "Textielteam" in html  # the public face, for every member
    shown = role in INSIDE
    for secret in ("Verslag geheimwoord", "Overleg geheim", "Bijlage geheim", "geheimwoord"):
        assert (secret in html) is shown, (role, secret)
    assert ("no-store" in response["Cache-Control"]) is shown


@pytest.mark.parametrize("role", ROLES)
def test_minutes_files_and_calendar(client, team, teams_page, people, role):
    reader = _client(client, people, role)
    urls = {
        "minutes": team_url(teams_page, team, "edit_minutes", pk=team.minutes_entry.pk),
        "file": team_url(teams_page, team, "attachment", pk=team.attachment.pk),
        "ics": team_url(teams_page, team, "meeting_calendar", pk=team.meeting.pk),
    }
    for name, url in urls.items():
        response = reader.get(url)
        if role == "anonymous":
            assert response.status_code == 302, name
        elif role in INSIDE:
            assert response.status_code == 200, (role, name)
            assert "no-store" in response["Cache-Control"]
            if name == "ics":
                body = response.content.decode()
                assert "BEGIN:VEVENT" in body and "Overleg geheim" in body
            if name == "file":
                assert b"".join(response.streaming_content).startswith(b"%PDF")
        else:
            assert response.status_code == 404, (role, name)


@pytest.mark.parametrize("role", ROLES)
def test_team_question_page_and_forum_lists(client, question, people, role):
    reader = _client(client, people, role)
    forum = _forum()
    page = reader.get(forum.url_for("question", pk=question.pk))
    index = reader.get(forum.url)
    mine = reader.get(forum.url + "?show=followed")
    home = reader.get("/nl/")
    if role == "anonymous":
        assert page.status_code == 302 and index.status_code == 302
        return
    sees = role in QUESTION_READERS
    assert page.status_code == (200 if sees else 404)
    assert ("Geheimvraag" in index.content.decode()) is sees
    assert "Geheimvraag" not in mine.content.decode() or sees
    # The forum's home card is the same for everyone: never a team's question. "New
    # for you" shows it to the team's members but its asker (their own post).
    assert ("Geheimvraag" in home.content.decode()) is (role == "leader")


def test_the_author_loses_the_question_on_leaving(client, question, team, people):
    rules.leave(people["member"], team)
    client.force_login(people["member"])
    assert client.get(_forum().url_for("question", pk=question.pk)).status_code == 404
    assert "Geheimvraag" not in client.get(_forum().url).content.decode()
    assert "Geheimvraag" not in client.get(_forum().url_for("preferences")).content.decode()


def test_search(settings, tmp_path, question, people):
    settings.HAYSTACK_CONNECTIONS = search_connections("whoosh", tmp_path / "whoosh")
    settings.SEARCH_QUEUE_INLINE = False
    queue.rebuild()
    for role in ROLES[:-1]:
        user = people[role]
        for secret in ("geheimwoord", "geheimbestek", "Geheimvraag"):
            outcome = search(user, secret, reader_language="nl")
            assert outcome.count == 0 and not outcome.results, (role, secret)
        # The public face is found by every member, in both languages.
        found = search(user, "Textielteam", reader_language="nl")
        assert [r.title for r in found.results] == ["Textielteam"], role
        assert search(user, "Textile", reader_language="en", kind="team").count == 1
    assert search(people["outsider"], "textiel", reader_language="nl").suggestion == ""


def test_emails_about_a_team_question_reach_only_who_sees_it(question, people, sent,
                                                             make_member):
    topic_follower = make_member()  # follows the topic, outside the team
    for user in [topic_follower, *people.values()]:
        posting.follow_topic(user, question.topic)
    posting.follow_question(people["outsider"], question)  # even a direct follow
    mail.outbox.clear()
    with sent():
        posting.answer(people["leader"], question, "Het geheimantwoord staat hier.", "nl")
    told = {message.to[0] for message in mail.outbox}
    assert told == {people[r].email for r in ("member", "moderator", "coordinator")}
    assert all("Geheimvraag" in m.subject + m.body for m in mail.outbox)
    # And on the site: the same members, nobody else.
    notified = set(Notification.objects.filter(text__contains="Geheimvraag")
                   .values_list("recipient__email", flat=True))
    assert notified == told


def test_emails_when_a_team_question_is_asked(people, team, sent, make_member):
    topic = Topic.objects.get(locale__language_code="nl", slug="textiel")
    ModerationRule.objects.update_or_create(topic=topic, defaults={"mode": ModerationMode.NONE})
    for user in people.values():
        posting.follow_topic(user, topic)
    mail.outbox.clear()
    with sent():
        posting.ask(people["member"], topic, "Nog een geheimvraag voor het team?",
                    "Alleen voor het team bedoeld.", "nl", team=team)
    told = {message.to[0] for message in mail.outbox}
    assert told == {people[r].email for r in ("leader", "moderator", "coordinator")}


@pytest.mark.parametrize("role", ROLES[:-1])
def test_data_export(question, team, people, role):
    exported = json.dumps(collect(people[role]), ensure_ascii=False)
    assert ("Verslag geheimwoord" in exported) is (role == "member")  # its author
    assert ("Geheimvraag" in exported) is (role == "member")
    assert ("Textielteam" in exported) is (role in ("member", "leader"))


def test_the_analytics_report_never_names_a_team_question(question, people):
    for role in ROLES[:-1]:
        assert not Question.analytics_queryset(people[role]).filter(pk=question.pk).exists()


def test_outsiders_cannot_ask_a_team_question(client, team, people):
    client.force_login(people["outsider"])
    forum = _forum()
    assert client.get(forum.url_for("ask") + f"?team={team.pk}").status_code == 404
    topic = Topic.objects.get(locale__language_code="nl", slug="textiel")
    response = client.post(forum.url_for("ask"), {
        "team": team.pk, "topic": topic.pk, "title": "Ik wil toch in het team vragen?",
        "body": "Dit mag niet lukken voor een buitenstaander.", "language": "nl"})
    assert response.status_code == 404
    assert not Question.objects.filter(team=team).exists()


def test_members_ask_the_team_from_its_page(client, team, teams_page, people):
    client.force_login(people["member"])
    forum = _forum()
    page = client.get(team_url(teams_page, team)).content.decode()
    assert f"{forum.url}ask/?team={team.pk}" in page
    topic = Topic.objects.get(locale__language_code="nl", slug="textiel")
    ModerationRule.objects.update_or_create(topic=topic, defaults={"mode": ModerationMode.NONE})
    response = client.post(forum.url_for("ask"), {
        "team": team.pk, "topic": topic.pk, "title": "Wie heeft ervaring met huurtextiel?",
        "body": "Graag jullie ervaringen met huurcontracten.", "language": "nl"})
    asked = Question.objects.get(title="Wie heeft ervaring met huurtextiel?")
    assert response.status_code == 302 and asked.team == team and asked.status == Status.PUBLISHED
    assert "Wie heeft ervaring met huurtextiel?" in client.get(
        team_url(teams_page, team)).content.decode()


def test_leaving_takes_the_inside_away_at_once(client, team, teams_page, people):
    client.force_login(people["member"])
    url = team_url(teams_page, team)
    assert "Verslag geheimwoord" in client.get(url).content.decode()
    leave = team_url(teams_page, team, "leave")
    assert client.get(leave).status_code == 200  # the confirmation first
    assert rules.is_member(people["member"], team)
    client.post(leave, {"confirm": "yes"})
    assert "Verslag geheimwoord" not in client.get(url).content.decode()
    assert client.get(team_url(teams_page, team, "attachment",
                               pk=team.attachment.pk)).status_code == 404


@pytest.mark.parametrize("role", sorted(INSIDE))
def test_a_waiting_team_question_is_on_the_team_page_for_its_author_and_moderators(
        client, team, teams_page, people, role):
    """The team's questions are kept for every reader alike; each is checked per reader."""
    topic = Topic.objects.get(locale__language_code="nl", slug="textiel")
    ModerationRule.objects.update_or_create(topic=topic,
                                            defaults={"mode": ModerationMode.EVERY_POST})
    url = team_url(teams_page, team)
    _client(client, people, role).get(url)  # the team's questions are now kept
    waiting = posting.ask(people["member"], topic, "Wachtende geheimvraag?",
                          "Nog niet nagekeken.", "nl", team=team)
    assert waiting.status == Status.PENDING
    sees = role in {"member", "coordinator"}  # its author; coordinators moderate
    html = client.get(url).content.decode()
    assert ("Wachtende geheimvraag?" in html) is sees, role
    waiting.status = Status.PUBLISHED
    waiting.save()
    html = client.get(url).content.decode()
    assert "Wachtende geheimvraag?" in html, role
