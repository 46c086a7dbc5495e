"""Fixtures shared by every test: members per role and the demo content."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.management import call_command
from wagtail.models import Collection, CollectionViewRestriction

import caching
from accounts.roles import COORDINATORS, EDITORS, MODERATORS, PARTICIPANTS, TRANSLATORS

PASSWORD = "a-long-test-password"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The transactional tests marked ``concurrency`` run last, after the browser tests.

    Both need a transactional database. The browser tests get the demo back
    after each test by serialized rollback, which only works when every flush
    before theirs was one of their own; a concurrency test's flush re-creates
    content types that the restore then collides with. So concurrency tests
    come after them (pytest-django has already put all transactional tests
    after the others), and start from an empty database (see below).
    """
    items.sort(key=_transactional_concurrency_test)


def _transactional_concurrency_test(item):
    return item.get_closest_marker("concurrency") is not None and any(
        marker.kwargs.get("transaction") for marker in item.iter_markers("django_db"))


@pytest.fixture(autouse=True)
def concurrency_base(request):
    """A concurrency test starts from whatever the flush before it left, possibly
    no content types or permissions at all (a browser test's flush does not make
    them anew): make them, and forget content type ids from before the flush."""
    if not _transactional_concurrency_test(request.node):
        return
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType

    request.getfixturevalue("transactional_db")
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: a rolled-back test sends no signal,
    so what it cached (the page chrome of its own pages) must not outlive it."""
    cache.clear()
    # Wagtail keeps renditions by image id, and ids come back after a rollback.
    caches["renditions"].clear()
    caches["fragments"].clear()
    caching.forget()


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


@pytest.fixture
def board(db):
    return Group.objects.create(name="Board")


@pytest.fixture
def board_members(make_member, board):
    """(a member outside the board, a member of it)."""
    outsider, insider = make_member(), make_member()
    insider.groups.add(board)
    return outsider, insider


@pytest.fixture
def private_collection(board):
    """A collection only the board may see."""
    collection = Collection.get_first_root_node().add_child(name="Board only")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.add(board)
    return collection
