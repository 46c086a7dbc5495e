"""Every form that changes something refuses a POST without a CSRF token."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.invitations import invitation_url

PASSWORD = "a-long-test-password"  # as in tests/conftest.py
NEW_PASSWORD = "circular-buying-2026"


def _client(user=None):
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def _logged_in(client):
    return settings.SESSION_COOKIE_NAME in client.cookies and client.get("/nl/").status_code == 200


# Each case: (make, form page, address, data, changed). ``make`` gets the
# test's fixtures and returns the client; ``changed`` tells whether the
# POST had its effect.
def _login(f):
    return _client(), reverse("login"), reverse("login"), {
        "username": f["participant"].email, "password": PASSWORD,
    }, lambda c: _logged_in(c)


def _logout(f):
    client = _client(f["participant"])
    return client, "/nl/", reverse("logout"), {}, lambda c: not _logged_in(c)


def _password_reset(f):
    url = reverse("password_reset")
    return _client(), url, url, {"email": f["participant"].email}, lambda c: len(mail.outbox) == 1


def _password_change(f):
    member = f["participant"]
    url = reverse("password_change")
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD}

    def changed(_client):
        member.refresh_from_db()
        return member.check_password(NEW_PASSWORD)

    return _client(member), url, url, data, changed


def _profile(f):
    member = f["participant"]
    url = reverse("profile")
    data = {"first_name": "Changed", "last_name": "Name", "organisation": "Elsewhere",
            "organisation_type": "other", "preferred_language": "en"}

    def changed(_client):
        member.refresh_from_db()
        return member.first_name == "Changed"

    return _client(member), url, url, data, changed


def _accept_invitation(f):
    invitee = f["make_member"](email="invitee@example.org")
    invitee.set_unusable_password()
    invitee.save()
    client = _client()
    link = invitation_url(invitee).removeprefix(settings.BASE_URL)
    form_url = client.get(link)["Location"]  # the token moves into the session
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}

    def changed(_client):
        invitee.refresh_from_db()
        return invitee.has_usable_password()

    return client, form_url, form_url, data, changed


def _admin_invite(f):
    url = reverse("accounts_admin:invite")
    data = {"email": "someone.new@example.org", "first_name": "Some", "last_name": "One",
            "organisation_type": "other", "preferred_language": "nl",
            "roles": [Group.objects.get(name="Participants").pk]}

    def changed(_client):
        return len(mail.outbox) == 1

    return _client(f["coordinator"]), url, url, data, changed


def _admin_resend(f):
    invitee = f["make_member"](email="pending@example.org")
    invitee.set_unusable_password()
    invitee.save()
    url = reverse("accounts_admin:resend", args=[invitee.pk])
    return (_client(f["coordinator"]), reverse("accounts_admin:members"), url, {},
            lambda c: len(mail.outbox) == 1)


def _admin_login(f):
    return _client(), "/admin/login/", "/admin/login/", {
        "username": f["editor"].email, "password": PASSWORD,
    }, lambda c: _logged_in(c)


def _catalogue():
    from catalogue.models import CatalogueIndexPage

    return CatalogueIndexPage.objects.get(locale__language_code="nl")


def _new_project(f):
    from topics.models import Topic

    url = _catalogue().url_for("new")
    data = {"title": "Een project via CSRF", "language": "nl", "organisation": "Stad Gent",
            "organisation_type": "public_buyer", "phase": "baseline", "year": "2019",
            "description": "Een beschrijving van het project.", "contact_name": "Ada",
            "contact_email": "ada@example.org",
            "product_group": Topic.objects.get(locale__language_code="nl", slug="ict").pk}

    def changed(_client):
        from catalogue.models import Project

        return Project.objects.filter(title="Een project via CSRF").exists()

    return _client(f["participant"]), url, url, data, changed


def _consent(f):
    from catalogue import consent, projects
    from tests.catalogue.conftest import project_data

    project = projects.save(f["participant"], project_data())
    url = _catalogue().url_for("consent", pk=project.pk)
    return (_client(f["participant"]), url, url, {"consent_listing": "on"},
            lambda c: consent.state(project)["listing"])


def _relay(f):
    from catalogue import projects
    from tests.catalogue.conftest import project_data

    project = projects.save(f["editor"], project_data(consent_listing=True))
    url = _catalogue().url_for("contact", pk=project.pk)
    data = {"subject": "Een vraag", "message": "Hoe hebben jullie dat gedaan?"}

    def changed(_client):
        from catalogue.models import ContactMessage

        return ContactMessage.objects.filter(project=project).exists()

    return _client(f["participant"]), url, url, data, changed


def _delete_account(f):
    member = f["make_member"](email="leaving@example.org")

    def changed(_client):
        return not type(member).objects.filter(pk=member.pk).exists()

    return (_client(member), reverse("my_data"), reverse("delete_account"),
            {"password": PASSWORD}, changed)


def _email_settings(f):
    from notices import preferences

    member = f["participant"]
    url = reverse("notices:settings")
    # Everything unticked: every email off.
    return (_client(member), reverse("profile"), url, {"digest": "never"},
            lambda c: preferences.digest_frequency(member) == "never")


def _read_all(f):
    from notices import reading
    from notices.models import Notification

    member = f["participant"]
    # One more than the page shows (and marks read): the button is there for it.
    Notification.objects.bulk_create([Notification(
        recipient=member, kind="forum.answered", language="nl", text=f"Antwoord {n}")
        for n in range(reading.PER_PAGE + 1)])
    return (_client(member), reverse("notices:index"), reverse("notices:read_all"), {},
            lambda c: not Notification.objects.filter(recipient=member, read_at=None)
            .exists())


# The unsubscribe link's POST takes no token on purpose (RFC 8058: the mail
# client posts without the member's cookies); tests/notices/test_unsubscribe.py.
FORMS = {
    "catalogue-new-project": _new_project,
    "catalogue-consent": _consent,
    "catalogue-relay": _relay,
    "delete-account": _delete_account,
    "email-settings": _email_settings,
    "notifications-read-all": _read_all,
    "login": _login,
    "logout": _logout,
    "password-reset": _password_reset,
    "password-change": _password_change,
    "profile": _profile,
    "accept-invitation": _accept_invitation,
    "admin-invite": _admin_invite,
    "admin-resend-invitation": _admin_resend,
    "admin-login": _admin_login,
}


@pytest.fixture
def fixtures(participant, editor, coordinator, make_member):
    return {"participant": participant, "editor": editor, "coordinator": coordinator,
            "make_member": make_member}


@pytest.mark.parametrize("form", FORMS)
def test_post_without_csrf_token_is_refused(fixtures, form):
    client, _form_page, url, data, changed = FORMS[form](fixtures)
    response = client.post(url, data)
    assert response.status_code == 403
    assert not changed(client)


@pytest.mark.parametrize("form", FORMS)
def test_the_same_post_with_the_token_works(fixtures, form):
    """The other side: the refusal above is the missing token, nothing else."""
    client, form_page, url, data, changed = FORMS[form](fixtures)
    page = client.get(form_page)
    assert page.status_code == 200, (form_page, page.status_code)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token, f"{form_page} has no CSRF token field"
    response = client.post(url, {**data, "csrfmiddlewaretoken": token.group(1)})
    assert response.status_code in (200, 302)
    assert changed(client), (form, response.status_code)
