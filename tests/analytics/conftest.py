"""Analytics fixtures: clean per-process caches and a way to read the counters."""

from collections import Counter

import pytest

from analytics import recording
from analytics.models import DailyCount


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test starts without this process's cached key and noted participants."""
    recording.forget_caches()
    yield
    recording.forget_caches()


@pytest.fixture
def counted(db):
    """counted(**filters) -> Counter {(topic key, kind, language, content type, item): count}.

    Only what the test itself added today: the demo history is left out.
    """
    baseline = {(r.day, r.topic_key, r.kind, r.language, r.content_type, r.item_key): r.count
                for r in DailyCount.objects.filter(day__gte=_today())}

    def read(**filters):
        result = Counter()
        for row in DailyCount.objects.filter(day__gte=_today(), **filters):
            key = (row.day, row.topic_key, row.kind, row.language, row.content_type,
                   row.item_key)
            extra = row.count - baseline.get(key, 0)
            if extra:
                result[(row.topic_key, row.kind, row.language, row.content_type,
                        row.item_key)] += extra
        return result

    return read


def _today():
    from django.utils import timezone

    return timezone.localdate()
