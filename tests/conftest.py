"""Fixtures shared by every test: members per role and the demo content."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.management import call_command

from accounts.roles import COORDINATORS, EDITORS, MODERATORS, PARTICIPANTS, TRANSLATORS
from pages import chrome

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: a rolled-back test sends no signal,
    so what it cached (the page chrome of its own pages) must not outlive it."""
    cache.clear()
    # Wagtail keeps renditions by image id, and ids come back after a rollback.
    caches["renditions"].clear()
    chrome.forget_process_memos()


@pytest.fixture
def make_member(db):
    """Create an active member with the given roles (Participants by default)."""
    from accounts.models import User

    counter = iter(range(1, 10_000))

    def make(*roles, email=None, language="nl", **fields):
        n = next(counter)
        user = User.objects.create_user(
            email=email or f"member{n}@example.org",
            password=PASSWORD,
            first_name=fields.pop("first_name", f"Member{n}"),
            last_name=fields.pop("last_name", "Tester"),
            preferred_language=language,
            **fields,
        )
        user.groups.set(Group.objects.filter(name__in=roles or [PARTICIPANTS]))
        return user

    return make


@pytest.fixture
def participant(make_member):
    return make_member(PARTICIPANTS)


@pytest.fixture
def editor(make_member):
    return make_member(PARTICIPANTS, EDITORS)


@pytest.fixture
def moderator(make_member):
    return make_member(PARTICIPANTS, MODERATORS)


@pytest.fixture
def translator(make_member):
    return make_member(PARTICIPANTS, TRANSLATORS, language="en")


@pytest.fixture
def coordinator(make_member):
    return make_member(PARTICIPANTS, EDITORS, COORDINATORS)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database: migrated, with the demo loaded once, as ``make run`` does.

    Every test runs in a transaction rolled back afterwards, so each starts
    from this state; loading the demo per test took most of the suite's time.
    """
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=StringIO())


@pytest.fixture
def demo(db):
    """Marks a test that relies on the bilingual demo content (loaded once, above)."""


@pytest.fixture
def member_client(client, participant):
    client.force_login(participant)
    return client


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """``with sent():`` runs what waits for the transaction to commit (the emails)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
