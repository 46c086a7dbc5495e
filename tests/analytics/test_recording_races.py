"""Counting the same item from many requests at once: exact totals, one row per key.

``record`` swallows its errors (counting never breaks a page), so a lost or
failed increment shows only as a count that is too low or a False. SQLite lets
one writer in at a time; ``make test`` runs this on PostgreSQL too.
"""

import pytest
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Locale

from analytics import recording
from analytics.kinds import Kind
from analytics.models import DailyCount, DailyParticipant, DailySecret
from forum.models import Question, Status
from tests import races
from topics.models import Topic

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]
ATTEMPTS, MEMBERS = 40, 10


def test_counts_from_many_requests_at_once_add_up_exactly(make_member):
    """40 requests by 10 members at once, views and downloads of one question: each
    counter is exact, in one row per (day, topic, kind, ...), and the day's distinct
    participants are the 10 members, under one key of the day."""
    dutch = Locale.objects.get_or_create(language_code="nl")[0]
    topic = Topic.objects.create(locale=dutch, name="Telling", slug="telling", kind="theme")
    question = Question.objects.create(topic=topic, title="Een vraag", body_markdown="Tekst",
                                       body_html="<p>Tekst</p>", status=Status.PUBLISHED)
    members = [make_member() for _ in range(MEMBERS)]
    kinds = [Kind.VIEW, Kind.DOWNLOAD]

    def count(n):
        request = RequestFactory().get("/nl/forum/", HTTP_USER_AGENT="Mozilla/5.0")
        request.user = members[n % MEMBERS]
        return recording.record(request, question, kinds[n % 2])

    results = races.race(count, ATTEMPTS)

    assert results == [("done", True)] * ATTEMPTS
    today = timezone.localdate()
    rows = DailyCount.objects.filter(day=today, topic_key=topic.translation_key)
    assert sorted(rows.values_list("kind", "count")) == sorted(
        [(str(kind), ATTEMPTS // 2) for kind in kinds])
    assert DailyParticipant.objects.filter(day=today,
                                           topic_key=topic.translation_key).count() == MEMBERS
    assert DailySecret.objects.filter(day=today).count() == 1
