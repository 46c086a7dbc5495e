"""@mentions in forum posts: who is told (published, approved, edited; team questions;
a restricted forum; anonymous askers), how the question page shows them, and that
its queries do not grow with them."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from forum import moderation, posting
from forum.models import Answer, ModerationMode, ModerationRule, Status
from members import consent, mentions
from tests.members.team_fixtures import *  # noqa: F403
from topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(monkeypatch):
    """The calls of the one seam to the notifications: [(users, details)]."""
    calls = []
    monkeypatch.setattr(mentions, "notify_mentioned",
                        lambda users, **details: calls.append((list(users), details)))
    return calls


@pytest.fixture
def anna(make_member):
    member = make_member(first_name="Anna", last_name="de Vries")
    consent.choose(member, {consent.DIRECTORY: True})
    return member


@pytest.fixture
def bert(make_member):
    """A member who never agreed to be shown."""
    return make_member(first_name="Bert", last_name="Verborgen")


def _users(told):
    return [users for users, _details in told]


def test_a_published_answer_tells_the_listed_members_it_mentions(
        participant, anna, bert, ask, open_topic, told, sent, make_member):
    question = ask(make_member())
    with sent():
        answer = posting.answer(participant, question,
                                "Vraag @Anna de Vries en @Bert Verborgen, niet @Niemand.", "nl")
    assert _users(told) == [[anna]]
    details = told[0][1]
    assert details["writer"] == participant.full_name
    assert details["url"]("en").endswith(f"/en/forum/question/{question.pk}/#answer-{answer.pk}")
    assert details["where"]("nl") == f"de vraag “{question.title}”"
    assert details["where"]("en") == f"the question “{question.title}”"
    assert details["excerpt"] == "Vraag @Anna de Vries en @Bert Verborgen, niet @Niemand."


def test_writers_are_not_told_about_themselves(anna, ask, open_topic, told, sent):
    with sent():
        ask(anna, body="Ik, @Anna de Vries, vraag het.")
    assert told == []


def test_a_post_waiting_for_review_tells_nobody_until_approved(
        participant, anna, topic, told, sent, moderator_member):
    ModerationRule.objects.update_or_create(topic=topic,
                                            defaults={"mode": ModerationMode.EVERY_POST})
    with sent():
        question = posting.ask(participant, topic, "Wie weet meer over textiel?",
                               "Misschien @Anna de Vries?", "nl")
        posting.edit(participant, question, "Misschien @Anna de Vries? Of iemand anders.")
    assert question.status == Status.PENDING and told == []
    with sent():
        moderation.approve(moderator_member, question)
    assert _users(told) == [[anna]]


def test_an_edit_tells_only_whom_it_adds(participant, anna, make_member, ask, open_topic, told,
                                         sent):
    carl = make_member(first_name="Carl", last_name="Claes")
    consent.choose(carl, {consent.DIRECTORY: True})
    with sent():
        question = ask(participant, body="Wat denkt @Anna de Vries?")
        posting.edit(participant, question, "Wat denkt @anna de vries? En @Carl Claes?")
        posting.edit(participant, question, "Wat denken @Carl Claes en @Anna de Vries nu?")
    assert _users(told) == [[anna], [carl]]


def test_a_moderator_editing_someone_else_s_post_tells_the_new_mentioned(
        participant, anna, ask, open_topic, told, sent, moderator_member):
    with sent():
        question = ask(participant, body="Een vraag zonder namen.")
        posting.edit(moderator_member, question, "Ook voor @Anna de Vries.")
    assert _users(told) == [[anna]]
    assert told[0][1]["writer"] == participant.full_name


def test_an_anonymous_asker_stays_unnamed(participant, anna, ask, open_topic, told, sent):
    with sent():
        ask(participant, body="Anoniem: @Anna de Vries, help?", anonymous=True)
    assert _users(told) == [[anna]]
    writer = told[0][1]["writer"]
    with translation.override("nl"):
        assert str(writer) == "Een deelnemer"
    assert participant.first_name not in str(writer)


def test_a_member_outside_a_restricted_forum_is_not_told(participant, anna, make_member, ask,
                                                        open_topic, forum, told, sent):
    board = Group.objects.create(name="Board")
    insider = make_member(first_name="Ina", last_name="Binnen")
    consent.choose(insider, {consent.DIRECTORY: True})
    insider.groups.add(board)
    restriction = PageViewRestriction.objects.create(
        page=forum, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([board])
    with sent():
        ask(participant, body="Voor @Anna de Vries en @Ina Binnen.")
    assert _users(told) == [[insider]]


def test_an_answer_to_a_question_waiting_for_review_tells_nobody(
        participant, anna, topic, told, sent, moderator_member):
    ModerationRule.objects.update_or_create(topic=topic,
                                            defaults={"mode": ModerationMode.EVERY_POST})
    question = posting.ask(participant, topic, "Wie weet meer over textiel?", "Graag hulp.",
                           "nl")
    with sent():
        answer = posting.answer(moderator_member, question, "Vraag @Anna de Vries.", "nl")
    assert answer.is_published and told == []


# --- A team's question -----------------------------------------------------------------------


@pytest.fixture
def team_topic(demo):
    topic = Topic.objects.get(locale__language_code="nl", slug="textiel")
    ModerationRule.objects.update_or_create(topic=topic, defaults={"mode": ModerationMode.NONE})
    return topic


def test_a_team_question_mentions_only_the_team_s_members(client, team, people, anna,
                                                         team_topic, url, told, sent):
    """Anna is listed but outside the team: not told, not linked; Lea is in it. A
    moderator sees the question but is outside the team: not mentioned either."""
    consent.choose(people["moderator"], {consent.DIRECTORY: True})
    with sent():
        question = posting.ask(people["member"], team_topic, "Geheimvraag voor het team?",
                               "Wat vinden @Lea Leider, @Mo Tester en @Anna de Vries?", "nl",
                               team=team)
    assert _users(told) == [[people["leader"]]]
    client.force_login(people["member"])
    html = client.get(url("question", pk=question.pk)).content.decode()
    lea = consent.profile_urls([people["leader"].pk], "nl")[people["leader"].pk]
    assert f'<a href="{lea}" class="mention">@Lea Leider</a>' in html
    assert consent.profile_urls([anna.pk], "nl")[anna.pk] not in html
    assert html.count('class="mention"') == 1
    assert f'data-mentions-url="/nl/leden/mentions/?team={team.pk}"' in html

    # An answer by a moderator outside the team tells its members only.
    told.clear()
    moderator = people["moderator"]
    with sent():
        posting.answer(moderator, question, "Dank @Mik Lid, en @Anna de Vries?", "nl")
    assert _users(told) == [[people["member"]]]


def test_a_member_who_left_the_team_is_no_longer_linked_nor_told(client, team, people,
                                                                 team_topic, url, told, sent):
    with sent():
        question = posting.ask(people["member"], team_topic, "Geheimvraag voor het team?",
                               "Wat vindt @Lea Leider?", "nl", team=team)
    from members import teams

    teams.leave(people["leader"], team)
    client.force_login(people["member"])
    html = client.get(url("question", pk=question.pk)).content.decode()
    assert 'class="mention"' not in html and "Wat vindt @Lea Leider?" in html
    told.clear()
    with sent():
        posting.edit(people["member"], question, "Wat vindt @Lea Leider? Graag snel.")
        posting.answer(people["member"], question, "Nog eens: @Lea Leider?", "nl")
    assert told == []


# --- The question page -----------------------------------------------------------------------


def test_the_page_links_mentions_and_a_withdrawal_counts_at_once(client, participant, anna,
                                                                 bert, ask, open_topic, url):
    question = ask(participant, body="Vraag @Anna de Vries en @Bert Verborgen.")
    posting.answer(participant, question, "`@Anna de Vries` in code telt niet.", "nl")
    client.force_login(participant)
    page = url("question", pk=question.pk)
    html = client.get(page).content.decode()
    profile = consent.profile_urls([anna.pk], "nl")[anna.pk]
    assert html.count('class="mention"') == 1
    assert f'<a href="{profile}" class="mention">@Anna de Vries</a>' in html
    assert "@Bert Verborgen." in html and "<code>@Anna de Vries</code>" in html
    assert 'data-mentions-url="/nl/leden/mentions/"' in html and "js/mentions.js" in html
    consent.choose(anna, {consent.DIRECTORY: False})
    html = client.get(page).content.decode()
    assert 'class="mention"' not in html and profile not in html
    assert "<p>Vraag @Anna de Vries en @Bert Verborgen.</p>" in html


def test_the_moderation_queue_shows_mentions_too(client, participant, anna, topic,
                                                 moderator_member, url):
    ModerationRule.objects.update_or_create(topic=topic,
                                            defaults={"mode": ModerationMode.EVERY_POST})
    posting.ask(participant, topic, "Wie weet meer over textiel?", "Misschien @Anna de Vries?",
                "nl")
    client.force_login(moderator_member)
    html = client.get(url("moderation")).content.decode()
    assert 'class="mention">@Anna de Vries</a>' in html


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _answers_with_mentions(question, authors, names, count):
    from usertext.render import render_markdown

    for n in range(count):
        body = f"Antwoord {n} voor " + " en ".join(f"@{name}" for name in names)
        Answer.objects.create(question=question, author=authors[n % len(authors)],
                              language="nl", body_markdown=body, body_html=render_markdown(body),
                              status=Status.PUBLISHED)
    posting.recount(question)


@pytest.mark.parametrize("in_team", [False, True])
def test_question_queries_do_not_grow_with_mentions(client, make_member, team, people,
                                                   team_topic, url, in_team):
    names = []
    for n in range(6):
        member = make_member(first_name="Lid", last_name=f"Nummer{n}")
        if n % 2:
            consent.choose(member, {consent.DIRECTORY: True})
        if in_team:
            from members.models import TeamMembership

            TeamMembership.objects.create(team=team, user=member)
        names.append(f"Lid Nummer{n}")
    asker = people["member"]
    options = {"team": team} if in_team else {}
    small = posting.ask(asker, team_topic, "Een vraag met twee antwoorden?",
                        "Voor @Lid Nummer1.", "nl", **options)
    large = posting.ask(asker, team_topic, "Een vraag met zestig antwoorden?",
                        "Voor @Lid Nummer1 en @Lea Leider.", "nl", **options)
    _answers_with_mentions(small, [asker], names[:1], 2)
    _answers_with_mentions(large, [asker, people["leader"]], names, 60)
    client.force_login(people["leader"])
    assert client.get(url("question", pk=large.pk)).content.decode().count(
        'class="mention"') >= 180
    assert _queries(client, url("question", pk=large.pk)) == \
        _queries(client, url("question", pk=small.pk))


def test_a_mention_is_a_notification_and_an_email_in_the_members_language(
        participant, anna, ask, open_topic, sent, make_member, mailoutbox):
    from notices.models import Notification
    from notices.preferences import set_email

    anna.preferred_language = "en"
    anna.save(update_fields=["preferred_language"])
    question = ask(make_member())
    with sent():
        posting.answer(participant, question, "Vraag het @Anna de Vries.", "nl")
    notice = Notification.objects.get(recipient=anna)
    assert notice.kind == mentions.MENTIONED
    assert notice.text == (f"{participant.full_name} mentioned you in the question "
                           f"“{question.title}”")
    assert notice.url.endswith(f"/en/forum/question/{question.pk}/#answer-"
                               f"{question.answers.get().pk}")
    to_anna = [m for m in mailoutbox if m.to == [anna.email]]
    assert len(to_anna) == 1 and "Vraag het @Anna de Vries." in to_anna[0].body

    set_email(anna, mentions.MENTIONED, False)  # the email is her choice; the bell stays
    with sent():
        posting.answer(participant, question, "Nogmaals @Anna de Vries.", "nl")
    assert Notification.objects.filter(recipient=anna).count() == 2
    assert len([m for m in mailoutbox if m.to == [anna.email]]) == 1
