"""Notifications and email choices in the member's download, and gone with the account."""

import json

import pytest
from django.urls import reverse

from accounts import personal_data
from notices import preferences
from notices.models import DigestChoice, EmailChoice, Notification
from notices.sending import notify
from tests.notices.conftest import PING

pytestmark = pytest.mark.django_db


def _ping(member, thing):
    return notify(member, PING, template="tests_notices/ping", context={"thing": thing})


def test_the_download_holds_ones_own_notifications_and_choices(client, make_member, sent):
    me, other = make_member(), make_member()
    with sent():
        _ping(me, "mijn bestek")
        _ping(other, "het bestek van een ander")
    preferences.set_email(me, PING, False)
    preferences.set_digest_frequency(me, "daily")
    client.force_login(me)
    data = json.loads(client.get(reverse("download_my_data")).content)["notifications"]
    [received] = data["received"]
    assert received["text"] == "Ping over mijn bestek" and received["email"] == "sent"
    assert received["emailed_at"] and received["read_at"] is None
    assert data["email_choices"] == {PING: False} and data["digest"] == "daily"
    assert "een ander" not in json.dumps(data)


def test_deleting_the_account_deletes_them(make_member):
    me, other = make_member(), make_member()
    _ping(me, "mijn bestek")
    _ping(other, "het bestek van een ander")
    preferences.set_email(me, PING, False)
    preferences.set_digest_frequency(me, "never")
    personal_data.delete_account(me)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [other.pk]
    assert not EmailChoice.objects.exists() and not DigestChoice.objects.exists()
