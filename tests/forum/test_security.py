"""The forum's forms refuse missing CSRF tokens and hostile input without a 500."""

import pytest
from django.test import Client

from forum.models import Answer, Flag, Follow, Question, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(participant, ask, open_topic):
    return ask(participant)


def _routes(url, question, answer):
    return [
        (url("ask"), {"topic": question.topic.pk, "title": "Een vraag zonder token?",
                      "body": "Tekst zonder token.", "language": "nl"}),
        (url("question", pk=question.pk), {"body": "Antwoord zonder token.", "language": "nl"}),
        (url("post_action", kind="answer", pk=answer.pk, action="accept"), {}),
        (url("post_action", kind="question", pk=question.pk, action="flag"),
         {"reason": "spam"}),
        (url("post_action", kind="question", pk=question.pk, action="follow"), {}),
        (url("moderate", kind="question", pk=question.pk, action="hide"), {}),
        (url("preferences"), {"my_question_answered": ""}),
    ]


def test_every_forum_form_requires_csrf(participant, moderator_member, question, url):
    answer = Answer.objects.create(question=question, author=moderator_member, language="nl",
                                   body_markdown="x", body_html="<p>x</p>",
                                   status=Status.PUBLISHED)
    before = (Question.objects.count(), Answer.objects.count(), Flag.objects.count(),
              Follow.objects.count())
    for user in (participant, moderator_member):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        for address, data in _routes(url, question, answer):
            assert client.post(address, data).status_code == 403, address
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED and question.accepted_answer is None
    assert (Question.objects.count(), Answer.objects.count(), Flag.objects.count(),
            Follow.objects.count()) == before


HOSTILE = [
    {"title": "x" * 10_000, "body": "y" * 30_000},
    {"title": "Vraag met nul\x00byte?", "body": "Tekst\x00met nul"},
    {"title": "\u202eesrever sdrawkcab?", "body": "\U0001f600 emoji en \u0301accent"},
    {"topic": "niet-een-getal", "title": "Een gewone vraag hier?", "body": "Gewone tekst."},
    {"topic": ["1", "2"], "title": ["a", "b"], "body": ["c"], "language": "xx"},
    {"anonymous": "misschien", "title": "Een gewone vraag hier?", "body": "Gewone tekst."},
]


@pytest.mark.parametrize("data", HOSTILE)
def test_hostile_questions_get_a_clear_answer(client, participant, url, open_topic, data):
    client.force_login(participant)
    before = Question.objects.count()
    payload = {"topic": open_topic.pk, "language": "nl", **data}
    response = client.post(url("ask"), payload)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert 'class="form-errors"' in response.content.decode()
        assert Question.objects.count() == before
    else:
        stored = Question.objects.latest("pk")
        assert "\x00" not in stored.title + stored.body_markdown


@pytest.mark.parametrize("path", ["question/999999/", "answer/999999/edit/", "question/abc/",
                                  "question/1/nonsense/", "question/1/flag/"])
def test_unknown_forum_addresses_are_404(client, participant, forum, path):
    client.force_login(participant)
    assert client.get(forum.url + path).status_code == 404


def test_actions_need_post(client, make_member, question, url):
    member = make_member()
    client.force_login(member)
    address = url("post_action", kind="question", pk=question.pk, action="follow")
    assert client.get(address).status_code == 404
    assert not Follow.objects.filter(user=member).exists()


def test_moderation_is_refused_to_participants(client, participant, question, url):
    client.force_login(participant)
    assert client.post(url("moderate", kind="question", pk=question.pk,
                           action="hide")).status_code == 403
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED
