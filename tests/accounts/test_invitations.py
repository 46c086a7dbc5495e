"""No open registration: coordinators invite, invitees choose a password."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts.roles import PARTICIPANTS

pytestmark = pytest.mark.django_db
User = get_user_model()


def _invite(client, **overrides):
    from django.contrib.auth.models import Group

    data = {
        "email": "New.Member@Example.org", "first_name": "Lotte", "last_name": "Claes",
        "organisation": "Provincie Antwerpen", "organisation_type": "public_buyer",
        "preferred_language": "en",
        "roles": [Group.objects.get(name=PARTICIPANTS).pk],
    }
    data.update(overrides)
    return client.post(reverse("accounts_admin:invite"), data)


def _link(message):
    return re.search(r"https?://\S+", message.body).group(0).replace("http://127.0.0.1:8000", "")


def test_coordinator_invites_someone(client, coordinator):
    client.force_login(coordinator)
    response = _invite(client)
    assert response.status_code == 302
    invitee = User.objects.get(email="new.member@example.org")
    assert not invitee.has_usable_password()
    assert list(invitee.groups.values_list("name", flat=True)) == [PARTICIPANTS]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.member@example.org"]
    assert "invited" in message.subject  # in the invitee's language (English)
    assert "/en/invitation/" in message.body


def test_invitee_sets_password_and_is_logged_in(client, coordinator):
    client.force_login(coordinator)
    _invite(client)
    client.logout()
    link = _link(mail.outbox[0])
    form_url = client.get(link)["Location"]  # the token moves out of the URL
    response = client.post(
        form_url, {"new_password1": "circular-buying-2026", "new_password2": "circular-buying-2026"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    invitee = User.objects.get(email="new.member@example.org")
    assert invitee.check_password("circular-buying-2026")
    assert client.session["_auth_user_id"] == str(invitee.pk)


def test_invitation_link_works_once(client, coordinator):
    client.force_login(coordinator)
    _invite(client)
    client.logout()
    link = _link(mail.outbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": "circular-buying-2026",
                           "new_password2": "circular-buying-2026"})
    client.logout()
    response = client.get(link, follow=True)
    assert "expired or has already been used" in response.content.decode()


def test_invitation_link_expires(client, coordinator, settings):
    client.force_login(coordinator)
    _invite(client)
    client.logout()
    link = _link(mail.outbox[0])
    from accounts.tokens import invitation_token_generator

    later = invitation_token_generator._now() + timedelta(days=settings.INVITATION_VALID_DAYS + 1)
    with mock.patch.object(invitation_token_generator, "_now", return_value=later):
        response = client.get(link, follow=True)
    assert "expired or has already been used" in response.content.decode()


def test_password_reset_link_is_not_an_invitation_link(client, coordinator):
    """A one-day reset token must not open the invitation form, and vice versa."""
    from django.contrib.auth.tokens import default_token_generator

    from accounts.tokens import invitation_token_generator

    client.force_login(coordinator)
    _invite(client)
    invitee = User.objects.get(email="new.member@example.org")
    assert not invitation_token_generator.check_token(
        invitee, default_token_generator.make_token(invitee)
    )


def test_inviting_an_existing_address_is_refused_and_keeps_input(client, coordinator, participant):
    client.force_login(coordinator)
    response = _invite(client, email=participant.email.upper(), first_name="Lotte")
    html = response.content.decode()
    assert response.status_code == 200
    assert "heeft al een account" in html  # the admin speaks the coordinator's language
    assert 'value="Lotte"' in html
    assert len(mail.outbox) == 0


def test_resending_an_invitation(client, coordinator):
    client.force_login(coordinator)
    _invite(client)
    invitee = User.objects.get(email="new.member@example.org")
    client.post(reverse("accounts_admin:resend", args=[invitee.pk]))
    assert len(mail.outbox) == 2


def test_no_resend_once_password_is_set(client, coordinator, participant):
    client.force_login(coordinator)
    client.post(reverse("accounts_admin:resend", args=[participant.pk]))
    assert len(mail.outbox) == 0


def test_participant_cannot_invite(client, participant):
    client.force_login(participant)
    assert _invite(client).status_code == 403
    assert not User.objects.filter(email="new.member@example.org").exists()


def test_password_reset_mail_is_sent_for_known_addresses_only(client, participant):
    from django.utils import translation

    with translation.override("nl"):
        url = reverse("password_reset")
    client.post(url, {"email": participant.email})
    client.post(url, {"email": "nobody@example.org"})
    assert [m.to for m in mail.outbox] == [[participant.email]]
