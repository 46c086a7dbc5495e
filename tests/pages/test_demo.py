"""The demo content that `make run` loads."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from topics.models import Topic

pytestmark = pytest.mark.django_db


def _counts():
    return (Page.objects.count(), Topic.objects.count(), get_user_model().objects.count())


def test_demo_loads_twice_without_changes(db):
    first = StringIO()
    call_command("load_demo", stdout=first)
    after_first = _counts()
    call_command("load_demo", stdout=StringIO())
    assert _counts() == after_first
    assert "participant@example.org" in first.getvalue()


def test_demo_has_one_login_per_role(client, demo):
    assert [u[0] for u in DEMO_USERS] == [
        "participant@example.org", "editor@example.org", "moderator@example.org",
        "translator@example.org", "coordinator@example.org",
    ]
    with translation.override("nl"):
        login_url = reverse("login")
    for email, *_rest in DEMO_USERS:
        response = client.post(login_url, {"username": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        client.logout()


def test_demo_topics_exist_in_both_languages(demo):
    dutch = Topic.objects.filter(locale__language_code="nl")
    english = Topic.objects.filter(locale__language_code="en")
    assert dutch.count() == english.count() >= 16
    assert {t.translation_key for t in dutch} == {t.translation_key for t in english}
    assert english.filter(name="Office furniture", kind="product_group").exists()
    assert dutch.filter(name="Kantoormeubilair").exists()


def test_demo_is_refused_when_not_allowed(settings, db):
    settings.DEMO_CONTENT_ALLOWED = False
    get_user_model().objects.filter(email="participant@example.org").delete()
    before = _counts()
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert _counts() == before
