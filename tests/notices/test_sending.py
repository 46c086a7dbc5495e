"""notify(): a notification in the member's language, and its email when they want it."""

import re

import pytest
from django.conf import settings
from django.core import mail

from notices import preferences
from notices.kinds import NEWSLETTER
from notices.models import EmailState, Notification
from notices.sending import notify
from tests.notices.conftest import PING, QUIET

pytestmark = pytest.mark.django_db


def _ping(member, thing="het bestek", **options):
    return notify(member, PING, template="tests_notices/ping", context={"thing": thing},
                  url=options.pop("url", "/nl/forum/question/1/"), **options)


def test_a_notification_in_the_members_language_and_its_email(make_member, sent):
    dutch, english = make_member(language="nl"), make_member(language="en")
    with sent():
        told_nl = _ping(dutch)
        told_en = _ping(english, url=settings.BASE_URL + "/en/forum/question/1/")
    assert (told_nl.text, told_nl.language) == ("Ping over het bestek", "nl")
    assert (told_en.text, told_en.language) == ("Ping about het bestek", "en")
    assert told_en.url == "/en/forum/question/1/"  # kept as a path on the site
    assert told_nl.body == "Er gebeurde iets met het bestek.\n\nTweede alinea."
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {dutch.email, english.email}
    assert by_address[dutch.email].subject == "Ping over het bestek"
    assert "Dag Member" in by_address[dutch.email].body
    assert "Hello Member" in by_address[english.email].body
    for notification in (told_nl, told_en):
        notification.refresh_from_db()
        assert notification.email_state == EmailState.SENT and notification.emailed_at


def test_the_email_has_both_parts_the_sender_and_the_unsubscribe_headers(make_member, sent):
    member = make_member(language="nl")
    with sent():
        _ping(member, thing="<script>alert(1)</script> & co")
    [message] = mail.outbox
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.to == [member.email] and not message.reply_to
    assert message.subject == "Ping over <script>alert(1)</script> & co"  # text, not HTML
    assert "Er gebeurde iets met <script>alert(1)</script> & co." in message.body
    assert f"{settings.BASE_URL}/nl/forum/question/1/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert f'href="{settings.BASE_URL}/nl/forum/question/1/"' in html
    headers = message.message()
    link = re.fullmatch(r"<(.+)>", headers["List-Unsubscribe"]).group(1)
    assert link.startswith(f"{settings.BASE_URL}/nl/meldingen/afmelden/")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["Auto-Submitted"] == "auto-generated"
    # The same link in both parts, with the one to all settings.
    assert link in message.body and link in html
    assert f"{settings.BASE_URL}/nl/meldingen/instellingen/" in message.body
    assert "“Pings”" in message.body  # why they get it


def test_an_english_member_gets_english_links(make_member, sent):
    member = make_member(language="en")
    with sent():
        _ping(member)
    headers = mail.outbox[0].message()
    assert f"{settings.BASE_URL}/en/notifications/unsubscribe/" in headers["List-Unsubscribe"]
    assert f"{settings.BASE_URL}/en/notifications/settings/" in mail.outbox[0].body


def test_a_kind_switched_off_is_a_notification_without_email(make_member, sent):
    member = make_member()
    preferences.set_email(member, PING, False)
    with sent():
        told = _ping(member)
    assert mail.outbox == []
    assert told.email_state == EmailState.NONE and Notification.objects.get() == told
    with sent():
        notify(member, PING, template="tests_notices/ping", context={"thing": "x"},
               email=False)
    assert mail.outbox == []


def test_kinds_off_by_default_wait_for_the_member_to_opt_in(make_member, sent):
    member, other = make_member(), make_member()
    assert not preferences.wants_email(member, QUIET)
    assert not preferences.wants_email(member, NEWSLETTER)
    assert member not in preferences.newsletter_subscribers()
    with sent():
        notify(member, QUIET, template="tests_notices/ping", context={"thing": "x"})
    assert mail.outbox == []
    preferences.set_email(member, NEWSLETTER, True)
    preferences.set_email(member, QUIET, True)
    assert list(preferences.newsletter_subscribers()) == [member]
    assert member in preferences.email_recipients(QUIET)
    assert other not in preferences.email_recipients(QUIET)
    assert other in preferences.email_recipients(PING)
    with sent():
        notify(member, QUIET, template="tests_notices/ping", context={"thing": "x"})
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_nothing_for_an_inactive_member(make_member, sent):
    member = make_member(is_active=False)
    with sent():
        assert _ping(member) is None
    assert not Notification.objects.exists() and mail.outbox == []
    assert not preferences.wants_email(member, PING)
    assert member not in preferences.email_recipients(PING)
    assert preferences.digest_frequency(member) == preferences.NEVER


def test_an_unknown_kind_is_a_mistake(make_member):
    with pytest.raises(LookupError):
        notify(make_member(), "tests.nonsense", template="tests_notices/ping")


def test_the_digest_frequency(make_member):
    weekly, daily, never = make_member(), make_member(), make_member()
    assert preferences.digest_frequency(weekly) == "weekly"
    preferences.set_digest_frequency(daily, "daily")
    preferences.set_digest_frequency(never, "never")
    assert preferences.digest_frequency(daily) == "daily"
    subscribers = {
        frequency: set(preferences.digest_subscribers(frequency).filter(
            pk__in=[weekly.pk, daily.pk, never.pk]))
        for frequency in ("daily", "weekly")}
    assert subscribers == {"daily": {daily}, "weekly": {weekly}}
    with pytest.raises(ValueError):
        preferences.set_digest_frequency(daily, "hourly")


def test_attachments_go_with_the_email_and_are_not_kept(make_member, sent):
    member = make_member()
    with sent():
        told = _ping(member, attachments=[("sessie.ics", b"BEGIN:VCALENDAR\r\n",
                                           "text/calendar")])
    [(name, content, mimetype)] = mail.outbox[0].attachments
    assert (name, mimetype) == ("sessie.ics", "text/calendar")
    assert "BEGIN:VCALENDAR" in (content.decode() if isinstance(content, bytes) else content)
    told.refresh_from_db()
    assert told.attachments == []


def test_a_rolled_back_change_sends_nothing(make_member, django_capture_on_commit_callbacks):
    member = make_member()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        _ping(member)
    assert len(queued) == 1  # the email waits for the commit
    assert mail.outbox == []
