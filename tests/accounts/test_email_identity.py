"""An email address names one member, whatever its case or spacing (accounts.identity)."""

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from accounts.identity import normalise_email
from accounts.models import User
from accounts.roles import PARTICIPANTS

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def _admin_user_data(email, **changes):
    data = {"email": email, "first_name": "Ada", "last_name": "Peeters",
            "password1": "circular-buying-2026", "password2": "circular-buying-2026",
            "organisation": "", "organisation_type": "other", "preferred_language": "nl",
            "is_active": "on", "groups": [Group.objects.get(name=PARTICIPANTS).pk]}
    data.update(changes)
    return data


@pytest.fixture
def admin_client(client, make_member):
    client.force_login(make_member(is_superuser=True, is_staff=True))
    return client


def test_normalised_form_is_stripped_lowercase_nfkc():
    assert normalise_email("  Some.One@Example.ORG\t") == "some.one@example.org"
    assert normalise_email("\u017fomeone@example.org") == "someone@example.org"
    assert normalise_email("Straße@example.org") == "straße@example.org"


def test_the_database_refuses_two_addresses_differing_only_in_case(make_member):
    """Even written around save() (update(), raw loads), a second spelling is refused."""
    make_member(email="someone@example.org")
    other = make_member(email="other@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=other.pk).update(email="Someone@example.org")


def test_admin_cannot_create_an_account_differing_only_in_case(admin_client, make_member):
    make_member(email="someone@example.org")
    response = admin_client.post("/admin/users/new/", _admin_user_data("Someone@Example.org "))
    assert response.status_code == 200  # the form again, with a message: not a server error
    assert "Someone@Example.org" in response.content.decode()  # what was typed is kept
    assert User.objects.filter(email__iexact="someone@example.org").count() == 1


def test_admin_creates_accounts_with_the_normalised_address(admin_client):
    response = admin_client.post("/admin/users/new/", _admin_user_data(" New.One@Example.org"))
    assert response.status_code == 302
    assert User.objects.filter(email="new.one@example.org").exists()


def test_admin_cannot_give_an_account_another_ones_address_in_other_case(admin_client,
                                                                         make_member):
    make_member(email="someone@example.org")
    other = make_member(email="other@example.org")
    data = _admin_user_data("SOMEONE@example.org", password1="", password2="")
    response = admin_client.post(f"/admin/users/edit/{other.pk}/", data)
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.email == "other@example.org"


def test_invitations_store_the_normalised_address(client, coordinator):
    from django.urls import reverse

    client.force_login(coordinator)
    client.post(reverse("accounts_admin:invite"), {
        "email": " New.Member@Example.org ", "first_name": "Lotte", "last_name": "Claes",
        "organisation": "", "organisation_type": "other", "preferred_language": "nl",
        "roles": [Group.objects.get(name=PARTICIPANTS).pk]})
    assert User.objects.filter(email="new.member@example.org").exists()
