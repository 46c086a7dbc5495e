"""Notices fixtures: a kind of notification of the tests' own, with its templates
(tests/notices/templates/tests_notices/), and the email backends to fail with."""

from pathlib import Path

import pytest
from django.core import mail
from wagtail import hooks

from notices.kinds import HOOK, Kind
from tests.notices.backends import FailingBackend

PING = "tests.ping"
QUIET = "tests.quiet"  # off until a member opts in, like the newsletter
TEMPLATES = str(Path(__file__).resolve().parent / "templates")


def _kinds():
    return [Kind(PING, "Pings", "When something pings you.", order=1),
            Kind(QUIET, "Quiet things", "Now and then.", email_default=False, order=2)]


@pytest.fixture(autouse=True)
def ping_kind(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0],
                           "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}]
    with hooks.register_temporarily(HOOK, _kinds):
        yield PING


@pytest.fixture
def mail_server_down(settings):
    """mail_server_down(failures): the next ``failures`` sends fail."""
    settings.EMAIL_BACKEND = "tests.notices.backends.FailingBackend"

    def down(failures):
        FailingBackend.failures, FailingBackend.tried = failures, 0
        mail.outbox = []
    return down
