"""leerkring.sqlite: ids past 64 bits and times before the year 1 in UTC match nothing."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page

from webinars.models import WebinarPage

HUGE = 1234567890123456789012345


def test_an_id_past_64_bits_matches_nothing(demo):
    assert not Page.objects.filter(pk__in=[HUGE, 2**63]).exists()
    assert not WebinarPage.objects.filter(pk=HUGE).exists()  # a one-to-one key
    assert Page.objects.filter(pk__in=[HUGE, 1]).count() == 1


def test_a_time_before_the_year_1_in_utc_compares(demo):
    first = datetime(1, 1, 1, tzinfo=ZoneInfo("Europe/Brussels"))
    assert Page.objects.filter(first_published_at__gte=first).exists()
    assert not Page.objects.filter(first_published_at__lt=first).exists()


@pytest.mark.parametrize("query", [
    "site=1234567890123456789012345", "content_type=9223372036854775808",
    "latest_revision_created_at_from=0001-01-01",
])
def test_the_admin_page_filters_answer_hostile_values(demo, client, query):
    """Wagtail's filters sent these to the database: 500s before."""
    from accounts.models import User

    client.raise_request_exception = False
    client.force_login(User.objects.create_superuser(email="s@example.org", password="x"))
    assert client.get(f"/admin/pages/3/results/?{query}").status_code == 200
