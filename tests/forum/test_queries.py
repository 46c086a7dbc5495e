"""A question page costs the same number of queries with 2 answers as with 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import posting
from forum.models import Answer, Status

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _with_answers(question, authors, count):
    Answer.objects.bulk_create([
        Answer(question=question, author=authors[n % len(authors)], language="nl",
               body_markdown=f"Antwoord {n}", body_html=f"<p>Antwoord {n}</p>",
               status=Status.PUBLISHED, is_expert=n % 7 == 0)
        for n in range(count)
    ])
    posting.recount(question)


def test_question_queries_do_not_grow_with_answers(client, participant, make_member, ask,
                                                   open_topic, url):
    authors = [make_member() for _ in range(5)]
    small = ask(participant, title="Een vraag met twee antwoorden?")
    large = ask(participant, title="Een vraag met tweehonderd antwoorden?")
    _with_answers(small, authors, 2)
    _with_answers(large, authors, 200)
    posting.accept(participant, large.answers.last())
    posting.accept(participant, small.answers.last())
    client.force_login(make_member())
    assert _queries(client, url("question", pk=large.pk)) == \
        _queries(client, url("question", pk=small.pk))


def test_index_queries_do_not_grow_with_questions(client, participant, make_member, ask,
                                                  open_topic, url):
    client.force_login(participant)
    ask(participant, title="De eerste vraag in de lijst?")
    few = _queries(client, url())
    for n in range(15):
        ask(make_member(), title=f"Nog een vraag nummer {n} erbij?")
    assert _queries(client, url()) == few
