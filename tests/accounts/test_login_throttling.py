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
