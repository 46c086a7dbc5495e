"""The rollup turns pseudonymous rows into counts and forgets what is past keeping."""

import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from analytics.models import DailyCount, DailyParticipant, DailyReach, DailySecret
from analytics.rollup import rollup

pytestmark = pytest.mark.django_db


def _participants(day, topic, n):
    DailyParticipant.objects.bulk_create(
        [DailyParticipant(day=day, topic_key=topic, digest=f"{day:%j}{i:029d}")
         for i in range(n)])


def test_rollup_counts_finished_days_and_deletes_old_rows_and_keys(settings):
    settings.ANALYTICS_RETENTION_DAYS = 90
    today = timezone.localdate()
    topic = uuid.uuid4()
    recent, old = today - timedelta(days=2), today - timedelta(days=120)
    _participants(today, topic, 2)
    _participants(recent, topic, 3)
    _participants(old, topic, 7)
    DailySecret.objects.create(day=today - timedelta(days=1), secret="ab" * 32)
    DailySecret.objects.create(day=today, secret="cd" * 32)
    DailyCount.objects.create(day=old, topic_key=topic, kind="view", language="nl",
                              content_type="learning.lessonpage", item_key="x", count=9)
    output = StringIO()
    call_command("analytics_rollup", stdout=output)
    assert "Rolled up 2 day(s); deleted 7 participant row(s) and 1 old key(s)." in \
        output.getvalue()
    reach = dict(DailyReach.objects.filter(topic_key=topic).values_list("day", "participants"))
    assert reach == {recent: 3, old: 7}  # today is not finished yet
    assert not DailyParticipant.objects.filter(day=old).exists()
    assert DailyParticipant.objects.filter(day=recent).count() == 3  # within retention
    assert list(DailySecret.objects.values_list("day", flat=True)) == [today]
    assert DailyCount.objects.get(topic_key=topic).count == 9  # aggregates are kept


def test_rollup_is_idempotent(settings):
    today = timezone.localdate()
    topic = uuid.uuid4()
    _participants(today - timedelta(days=1), topic, 4)
    rollup(today)
    rollup(today)
    assert DailyReach.objects.get(topic_key=topic).participants == 4
