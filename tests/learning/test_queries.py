"""A lesson page's queries do not grow with the package or the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)  # warm caches that are the same for everyone (renditions, site)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_lesson_queries_do_not_grow_with_lessons_or_blocks(member_client, make_package, media):
    _, _, small = make_package(lessons=2, blocks=6, media=media)  # one of each kind
    _, _, large = make_package(lessons=15, blocks=30, media=media)
    small_count = _queries(member_client, small[1].url)
    large_count = _queries(member_client, large[7].url)
    assert large_count == small_count, (small_count, large_count)


def test_package_queries_do_not_grow_with_lessons(member_client, make_package):
    small, _, _ = make_package(lessons=2)
    large, _, _ = make_package(lessons=15)
    assert _queries(member_client, large.url) == _queries(member_client, small.url)
