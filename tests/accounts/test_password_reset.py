"""Password-reset links: a few per address and per network, and no hint who has an account."""

import re

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from accounts.views import PasswordResetView

pytestmark = pytest.mark.django_db


@pytest.fixture
def reset_url():
    with translation.override("nl"):
        return reverse("password_reset")


def _ask(client, url, email, ip="10.0.0.1"):
    return client.post(url, {"email": email}, REMOTE_ADDR=ip)


def _page(response):
    """The answer without what differs per request anyway (the CSRF token)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_links_for_one_address_are_limited_per_hour(client, participant, reset_url, settings):
    limit = settings.PASSWORD_RESET_LINKS_PER_HOUR
    for n in range(limit):
        assert _ask(client, reset_url, participant.email, ip=f"10.0.0.{n}").status_code == 302
    response = _ask(client, reset_url, participant.email, ip="10.0.1.1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "geen nieuwe link" in html  # told why, in their language
    assert f'value="{participant.email}"' in html  # what they typed is kept
    assert len(mail.outbox) == limit


def test_other_spellings_count_against_the_same_address(client, participant, reset_url,
                                                        settings):
    spellings = [participant.email.upper(), f" {participant.email} ",
                 participant.email.capitalize(), participant.email]
    for n, spelling in enumerate(spellings):
        _ask(client, reset_url, spelling, ip=f"10.0.0.{n}")
    assert len(mail.outbox) == settings.PASSWORD_RESET_LINKS_PER_HOUR


def test_requests_from_one_network_are_limited(client, make_member, reset_url, settings):
    settings.PASSWORD_RESET_REQUESTS_PER_HOUR_PER_IP = 4
    members = [make_member() for _ in range(6)]
    for member in members:
        _ask(client, reset_url, member.email)
    assert len(mail.outbox) == 4
    assert _ask(client, reset_url, members[0].email, ip="10.9.9.9").status_code == 302


def test_the_answer_is_the_same_whether_or_not_an_account_exists(client, participant, reset_url,
                                                                 settings):
    known = _ask(client, reset_url, participant.email, ip="10.0.0.1")
    unknown = _ask(client, reset_url, "nobody@example.org", ip="10.0.0.2")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    for _ in range(settings.PASSWORD_RESET_LINKS_PER_HOUR):
        _ask(client, reset_url, participant.email, ip="10.0.0.3")
        _ask(client, reset_url, "nobody@example.org", ip="10.0.0.4")
    known = _ask(client, reset_url, participant.email, ip="10.0.0.5")
    unknown = _ask(client, reset_url, "nobody@example.org", ip="10.0.0.6")
    assert known.status_code == unknown.status_code == 200
    assert _page(known).replace(participant.email, "X") == _page(unknown).replace(
        "nobody@example.org", "X")


def test_the_email_leaves_after_the_answer_is_complete(participant, reset_url):
    """The answer is ready before any email is sent: its timing does not tell who has an account."""
    request = RequestFactory().post(reset_url, {"email": participant.email},
                                    REMOTE_ADDR="10.0.0.1")
    request.session = {}
    request._dont_enforce_csrf_checks = True
    response = PasswordResetView.as_view()(request)
    assert response.status_code == 302
    assert mail.outbox == []
    response.close()  # what the server does once the answer is sent
    assert [m.to for m in mail.outbox] == [[participant.email]]


def test_the_admin_reset_form_has_the_same_limit(client, participant, settings):
    limit = settings.PASSWORD_RESET_LINKS_PER_HOUR
    for n in range(limit + 2):
        _ask(client, "/admin/password_reset/", participant.email.upper(), ip=f"10.0.0.{n}")
    assert len(mail.outbox) == limit
