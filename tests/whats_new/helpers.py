"""Helpers for the tests of "new for you" (fixtures are in conftest.py)."""

import uuid
from datetime import timedelta

from wagtail.models import Page, PageViewRestriction


def text_body():
    return [{"type": "text", "value": "<p>Tekst.</p>", "id": str(uuid.uuid4())}]


def published_before(start, *pages, days=1):
    """Move pages' publishing to ``days`` before ``start``."""
    earlier = start - timedelta(days=days)
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        first_published_at=earlier, last_published_at=earlier)


def private_to(page, group):
    """Make ``page`` (and everything below it, in every language) private to ``group``."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    return restriction


def fresh(user):
    """``user`` read anew: what a next request sees (groups, teams are read per user object)."""
    return type(user).objects.get(pk=user.pk)
