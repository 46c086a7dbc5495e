"""Fixtures for the digests: whatsnew's ways of making news, and reading what was sent."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from digests import schedule
from digests.models import Digest, DigestState
from tests.whats_new.conftest import (  # noqa: F401 - fixtures used by the tests here
    answer,
    ask,
    make_package,
    make_project,
    moderation,
    reader,
    start,
    topics,
)


@pytest.fixture
def inbox():
    """inbox(user) -> the emails sent to ``user``."""
    mail.outbox = []

    def of(user):
        return [message for message in mail.outbox if message.to == [user.email]]
    return of


@pytest.fixture
def had_digest(start):  # noqa: F811 - the fixture start, imported above
    """had_digest(user, until=start, frequency="weekly"): a digest already sent,
    ending at ``until``, for the period that moment falls in."""
    def make(user, until=None, frequency="weekly"):
        until = until or start
        return Digest.objects.create(
            user=user, period=schedule.period_of(frequency, until).key, frequency=frequency,
            since=until - timedelta(days=7), until=until, language="nl",
            state=DigestState.SENT, sent_at=until)
    return make


def brussels(*args):
    """An aware moment in Brussels time."""
    return timezone.datetime(*args, tzinfo=schedule.local_zone())
