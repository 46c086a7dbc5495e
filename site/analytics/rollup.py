"""Turning the day's pseudonymous rows into counts, and forgetting them.

Run by ``manage.py analytics_rollup`` (daily, e.g. from cron). Idempotent.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from .models import DailyParticipant, DailyReach, DailySecret


@transaction.atomic
def rollup(today=None):
    """Count each finished day's distinct participants per topic; delete what is past keeping.

    Returns (days rolled up, participant rows deleted, secrets deleted).
    """
    today = today or timezone.localdate()
    finished = (DailyParticipant.objects.filter(day__lt=today)
                .values("day", "topic_key").annotate(n=Count("id")))
    rolled = set()
    for row in finished:
        DailyReach.objects.update_or_create(day=row["day"], topic_key=row["topic_key"],
                                            defaults={"participants": row["n"]})
        rolled.add(row["day"])
    cutoff = today - timedelta(days=settings.ANALYTICS_RETENTION_DAYS)
    deleted, _ = DailyParticipant.objects.filter(day__lt=cutoff).delete()
    # Yesterday's key goes: its hashes can no longer be tied to anyone.
    secrets, _ = DailySecret.objects.filter(day__lt=today).delete()
    return len(rolled), deleted, secrets
