"""Profiles, their consents and the relay's daily limit from many requests at once.

SQLite lets one writer in at a time, which hides these races; ``make test`` runs
them on PostgreSQL too. A transactional test starts from whatever the one
before left (possibly an empty database), so each makes what it needs.
"""

import pytest
from django.core import mail
from django.test import override_settings

from members import consent, profiles
from members.models import ConsentRecord, ConsentText, MemberMessage, Profile
from tests import races

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 20


def _texts():
    for kind in (consent.DIRECTORY, consent.EMAIL):
        if not ConsentText.objects.filter(kind=kind).exists():
            ConsentText.objects.create(kind=kind, version=1, text_nl="Ik stem in.",
                                       text_en="I agree.")


def _errors(results):
    return [value for outcome, value in results if outcome == "error"]


def test_a_profile_asked_for_at_once_is_made_once(make_member):
    member = make_member()

    results = races.race(lambda n: Profile.objects.of(member).pk, ATTEMPTS)

    assert _errors(results) == []
    assert Profile.objects.filter(user=member).count() == 1
    assert {value for _outcome, value in results} == {Profile.objects.get(user=member).pk}


def test_consents_changed_at_once_record_each_change_once(make_member):
    """Twenty requests switch the directory and email consents on and off at once:
    every record is a change (a grant follows a withdrawal and back), and the state
    in force is the last record."""
    _texts()
    member = make_member()

    def choose(n):
        return consent.choose(member, {consent.DIRECTORY: n % 2 == 0,
                                       consent.EMAIL: n % 4 < 2})

    results = races.race(choose, ATTEMPTS)

    assert _errors(results) == []
    changes = sum(len(value) for _outcome, value in results)
    records = list(ConsentRecord.objects.filter(user=member).order_by("pk"))
    assert len(records) == changes
    for kind in (consent.DIRECTORY, consent.EMAIL):
        steps = [record.granted for record in records if record.kind == kind]
        assert steps, kind
        assert steps == [i % 2 == 0 for i in range(len(steps))], kind
        assert consent.state(member)[kind] == steps[-1]
    # The email address is never shown without the directory: a state of
    # "email granted, directory withdrawn" is never recorded last.
    state = consent.state(member)
    assert not (state[consent.EMAIL] and not state[consent.DIRECTORY])


@override_settings(MEMBERS_CONTACT_MESSAGES_PER_DAY=5)
def test_messages_sent_at_once_stop_at_the_daily_limit(make_member):
    _texts()
    sender, recipient = make_member(), make_member()
    consent.choose(recipient, {consent.DIRECTORY: True})
    consent.choose(sender, {consent.DIRECTORY: True})
    mail.outbox.clear()

    def send(n):
        return profiles.relay(sender, recipient, f"Vraag {n}", "Mag ik je iets vragen?")

    results = races.race(send, ATTEMPTS)

    refused = [value for outcome, value in results if outcome == "error"]
    assert all(isinstance(error, profiles.Refused) for error in refused), refused
    assert len(refused) == ATTEMPTS - 5
    assert MemberMessage.objects.filter(sender=sender).count() == 5
    assert len(mail.outbox) == 5
    assert all(message.reply_to == [sender.email] for message in mail.outbox)
    assert all(recipient.email in message.to for message in mail.outbox)
