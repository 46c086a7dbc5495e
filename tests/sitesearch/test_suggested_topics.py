"""The topics the search suggests when nothing is found, weighed by each index's
``topic_weight``: published questions (forum) and documents (library)."""

import pytest

from forum.models import Question, Status
from library.models import LibraryDocument
from sitesearch.views import popular_topics

pytestmark = pytest.mark.django_db


def _ask(topic, author, status, times):
    for n in range(times):
        Question.objects.create(topic=topic, author=author, title=f"Vraag {n}",
                                body_markdown="Tekst", body_html="<p>Tekst</p>",
                                status=status, language="nl")


def _weights():
    return {topic.slug: topic.weight for topic in popular_topics("nl", limit=1000)}


def test_published_questions_and_documents_weigh_pending_ones_do_not(demo, participant):
    ranked = popular_topics("nl", limit=1000)
    top, quiet, other = ranked[0], ranked[-1], ranked[-2]
    needed = top.weight - quiet.weight + 1

    _ask(other, participant, Status.PENDING, needed)
    _ask(other, participant, Status.REJECTED, needed)
    assert _weights()[other.slug] == other.weight

    _ask(quiet, participant, Status.PUBLISHED, needed)
    assert popular_topics("nl")[0] == quiet

    before = _weights()[other.slug]
    LibraryDocument.objects.exclude(topics=other).first().topics.add(other)
    assert _weights()[other.slug] == before + 1


def test_suggestions_are_in_the_readers_language(demo):
    assert {topic.locale.language_code for topic in popular_topics("en")} == {"en"}
    assert len(popular_topics("nl", limit=3)) == 3
