"""One-click unsubscribe: the link from the email works without logging in, a GET
changes nothing, the mail client's POST needs no CSRF token, a bad link is a 400."""

import re

import pytest
from django.conf import settings
from django.core import mail, signing
from django.test import Client

from notices import preferences, unsubscribe
from notices.kinds import DIGEST
from notices.sending import notify
from tests.notices.conftest import PING, QUIET

pytestmark = pytest.mark.django_db


def _link_from_email(member, sent):
    with sent():
        notify(member, PING, template="tests_notices/ping", context={"thing": "x"})
    header = mail.outbox[-1].message()["List-Unsubscribe"]
    return re.fullmatch(r"<(.+)>", header).group(1).removeprefix(settings.BASE_URL)


def _anonymous():
    return Client(enforce_csrf_checks=True)


def test_a_get_shows_the_button_and_changes_nothing(make_member, sent):
    member = make_member()
    link = _link_from_email(member, sent)
    response = _anonymous().get(link)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Je krijgt e-mails over “Pings”." in html
    assert '<form method="post">' in html and "Deze e-mails stoppen" in html
    assert preferences.wants_email(member, PING)


def test_the_mail_clients_one_click_post_unsubscribes_without_login(make_member, sent):
    member = make_member()
    link = _link_from_email(member, sent)
    # RFC 8058: a POST with this body, no cookie, no CSRF token.
    response = _anonymous().post(link, "List-Unsubscribe=One-Click",
                                 content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "Klaar: je krijgt geen e-mails meer over “Pings”." in response.content.decode()
    assert not preferences.wants_email(member, PING)
    mail.outbox.clear()
    with sent():
        notify(member, PING, template="tests_notices/ping", context={"thing": "x"})
    assert mail.outbox == []  # and the notifications go on


def test_changing_ones_mind_on_the_same_page(make_member, sent):
    member = make_member(language="en")
    link = _link_from_email(member, sent)
    assert link.startswith("/en/notifications/unsubscribe/")
    client = _anonymous()
    client.post(link)
    response = client.post(link, {"action": "resubscribe"})
    assert "Done: you get emails about “Pings” again." in response.content.decode()
    assert preferences.wants_email(member, PING)


def test_a_link_stops_one_kind_for_one_member(make_member, sent):
    member, other = make_member(), make_member()
    preferences.set_email(member, QUIET, True)
    _anonymous().post(_link_from_email(member, sent))
    assert not preferences.wants_email(member, PING)
    assert preferences.wants_email(member, QUIET) and preferences.wants_email(other, PING)


def test_the_digest_has_its_link_too(make_member):
    member = make_member()
    link = unsubscribe.url(member, DIGEST).removeprefix(settings.BASE_URL)
    _anonymous().post(link)
    assert preferences.digest_frequency(member) == "never"
    response = _anonymous().get(link)
    assert "Stuur me het wekelijkse overzicht weer" in response.content.decode()
    _anonymous().post(link, {"action": "resubscribe"})
    assert preferences.digest_frequency(member) == "weekly"


def _signed(value, salt=unsubscribe.SALT):
    return signing.Signer(salt=salt).sign_object(value)


@pytest.mark.parametrize("bad", ["changed", "cut", "other-salt", "unknown-kind", "gone",
                                 "not-a-list"])
def test_a_bad_link_is_a_clear_400(make_member, bad):
    member, gone = make_member(), make_member()
    good = unsubscribe.token(member, PING)
    token = {
        "changed": _signed([gone.pk, PING])[:-3] + good[-3:],
        "cut": good[:-5],
        "other-salt": _signed([member.pk, PING], salt="accounts.something-else"),
        "unknown-kind": _signed([member.pk, "tests.nonsense"]),
        "gone": _signed([gone.pk, PING]),
        "not-a-list": _signed({"user": member.pk}),
    }[bad]
    gone.delete()
    for method in ("get", "post"):
        response = getattr(_anonymous(), method)(f"/nl/meldingen/afmelden/{token}/")
        assert response.status_code == 400
        assert "Deze link werkt niet" in response.content.decode()
    assert preferences.wants_email(member, PING)
