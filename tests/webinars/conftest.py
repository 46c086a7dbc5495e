from datetime import timedelta

import pytest
from django.utils import timezone

from pages.demo import bilingual_page
from pages.models import HomePage
from webinars.models import WebinarIndexPage, WebinarPage


@pytest.fixture
def make_webinar(db):
    """make_webinar(starts_in=timedelta(days=7), capacity=None, **fields) -> (nl, en)."""
    counter = iter(range(1, 1000))

    def make(starts_in=timedelta(days=7), minutes=60, capacity=None, **fields):
        n = next(counter)
        homes = {c: HomePage.objects.get(locale__language_code=c) for c in ("nl", "en")}
        indexes = dict(zip(("nl", "en"), bilingual_page(homes, WebinarIndexPage, {
            "nl": {"title": "Webinars", "slug": "webinars", "show_in_menus": True},
            "en": {"title": "Webinars", "slug": "webinars", "show_in_menus": True},
        }), strict=True))
        starts_at = timezone.now() + starts_in
        return bilingual_page(indexes, WebinarPage, {
            "nl": {"title": f"Webinar {n}", "slug": f"webinar-{n}", "summary": "Over ICT"},
            "en": {"title": f"Webinar {n} EN", "slug": f"webinar-{n}-en", "summary": "On ICT"},
        }, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes),
           capacity=capacity, join_url="https://meet.example.org/room-42", **fields)

    return make

