"""Repeated failed logins pause one email address from one IP address, for a while."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture
def login_url():
    with translation.override("nl"):
        return reverse("login")


def _try(client, url, email, password, ip="10.0.0.1"):
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_wrong_password_gets_a_clear_message_and_keeps_the_email(client, participant, login_url):
    response = _try(client, login_url, participant.email, "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert "komen niet overeen" in html
    assert f'value="{participant.email}"' in html


def test_lockout_after_limit(client, participant, login_url, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, login_url, participant.email, "wrong")
    response = _try(client, login_url, participant.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_email_and_ip(client, participant, make_member, login_url, settings):
    other = make_member()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, login_url, participant.email, "wrong")
    assert _try(client, login_url, participant.email, PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    assert _try(client, login_url, other.email, PASSWORD).status_code == 302


def test_lockout_ends_after_cooloff(client, participant, login_url, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, login_url, participant.email, "wrong")
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES + 1)
    )
    assert _try(client, login_url, participant.email, PASSWORD).status_code == 302


def test_success_resets_the_count(client, participant, login_url, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, login_url, participant.email, "wrong")
    assert _try(client, login_url, participant.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, login_url, participant.email, "wrong")
    assert _try(client, login_url, participant.email, PASSWORD).status_code == 302


def test_attempt_records_hold_only_what_the_lockout_needs(client, participant, login_url):
    client.post(
        login_url, {"username": participant.email, "password": "wrong"},
        REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT="Secret Browser 1.0",
    )
    attempt = AccessAttempt.objects.get()
    assert attempt.username == participant.email
    assert attempt.user_agent == ""
    assert "wrong" not in attempt.post_data


@pytest.mark.parametrize("spelling", ["Someone@Example.org", " someone@example.org ",
                                      "SOMEONE@EXAMPLE.ORG"])
def test_another_spelling_of_a_locked_address_is_locked_too(client, make_member, login_url,
                                                            settings, spelling):
    """Case and spaces do not give an attacker fresh attempts at the same account."""
    make_member(email="someone@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, login_url, "someone@example.org", "wrong")
    response = _try(client, login_url, spelling, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_in_several_spellings_count_together(client, make_member, login_url, settings):
    make_member(email="someone@example.org")
    spellings = ["someone@example.org", "Someone@example.org", " SOMEONE@example.org",
                 "someone@EXAMPLE.org ", "SomeOne@Example.Org"]
    for spelling in spellings[: settings.AXES_FAILURE_LIMIT]:
        _try(client, login_url, spelling, "wrong")
    assert _try(client, login_url, "someone@example.org", PASSWORD).status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {
        "someone@example.org"}


def test_the_admin_login_shares_the_lock(client, make_member, login_url, settings):
    """Wagtail's own login form (/admin/login/) counts against the same address."""
    make_member(email="someone@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "/admin/login/", "Someone@Example.org", "wrong")
    assert _try(client, login_url, "someone@example.org", PASSWORD).status_code == 429


def test_any_spelling_logs_in_and_clears_the_failures(client, make_member, login_url, settings):
    make_member(email="someone@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, login_url, "someone@example.org", "wrong")
    assert _try(client, login_url, " Someone@Example.ORG ", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_a_compatibility_spelling_is_the_same_address(client, make_member, login_url, settings):
    """ſ (long s) passes Django's email check and means s: same lock, same account."""
    make_member(email="someone@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, login_url, "someone@example.org", "wrong")
    assert _try(client, login_url, "\u017fomeone@example.org", PASSWORD).status_code == 429
