"""Registering for webinars: places, waiting list, emails with a calendar file."""

from datetime import timedelta

import icalendar
import pytest
from django.core import mail

from notices.models import Notification
from notices.preferences import set_email
from webinars import registrations
from webinars.models import Registration

pytestmark = pytest.mark.django_db


def _register(client, webinar, sent=None):
    if sent is None:
        return client.post(webinar.url, {"action": "register"})
    with sent():
        return client.post(webinar.url, {"action": "register"})


def test_register_with_one_click_and_get_a_calendar_file(member_client, participant,
                                                         make_webinar, sent):
    webinar, _ = make_webinar()
    response = _register(member_client, webinar, sent)
    assert response.status_code == 302 and response["Location"] == webinar.url
    assert Registration.objects.get(user=participant).status == "registered"
    html = member_client.get(webinar.url).content.decode()
    assert "Je bent ingeschreven." in html
    message = mail.outbox[0]
    assert message.to == [participant.email]
    assert webinar.title in message.subject
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("dtstart") == webinar.starts_at.replace(microsecond=0)
    assert event.decoded("dtend") == webinar.ends_at.replace(microsecond=0)
    assert str(event["summary"]) == webinar.title
    text = content.decode() if isinstance(content, bytes) else content
    assert "room-42" not in text  # the join link is not in the file


def test_calendar_file_is_downloadable_from_the_page(member_client, make_webinar):
    webinar, _ = make_webinar()
    response = member_client.get(webinar.url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["uid"]).startswith(str(webinar.translation_key))


def test_anonymous_visitors_get_neither_page_nor_calendar(client, make_webinar):
    webinar, _ = make_webinar()
    for url in (webinar.url, webinar.url + "calendar/"):
        assert client.get(url).status_code == 302
    assert client.post(webinar.url, {"action": "register"}).status_code == 302
    assert not Registration.objects.filter(webinar_key=webinar.translation_key).exists()


def test_registering_twice_keeps_one_place(member_client, make_webinar, sent):
    webinar, _ = make_webinar()
    _register(member_client, webinar, sent)
    _register(member_client, webinar, sent)
    assert Registration.objects.filter(webinar_key=webinar.translation_key).count() == 1
    assert len(mail.outbox) == 1


def test_unregister(member_client, participant, make_webinar):
    webinar, _ = make_webinar()
    _register(member_client, webinar)
    member_client.post(webinar.url, {"action": "unregister"})
    assert not Registration.objects.filter(user=participant).exists()


def test_full_webinar_offers_the_waiting_list(client, make_member, make_webinar, sent):
    webinar, _ = make_webinar(capacity=1)
    first, second, third = make_member(), make_member(), make_member()
    registrations.register(first, webinar)
    client.force_login(second)
    html = client.get(webinar.url).content.decode()
    assert "Dit webinar is volzet." in html and "Op de wachtlijst" in html
    _register(client, webinar, sent)
    registrations.register(third, webinar)
    assert Registration.objects.get(user=second).status == "waiting"
    assert "(nummer 1)" in client.get(webinar.url).content.decode()
    waiting_mail = mail.outbox[-1]
    assert waiting_mail.to == [second.email]
    assert "Wachtlijst" in waiting_mail.subject
    assert not waiting_mail.attachments


def test_a_freed_place_goes_to_the_first_on_the_waiting_list(make_member, make_webinar, sent):
    webinar, _ = make_webinar(capacity=1)
    first, second, third = make_member(), make_member(), make_member()
    for member in (first, second, third):
        registrations.register(member, webinar)
    mail.outbox.clear()
    with sent():
        promoted = registrations.unregister(first, webinar)
    assert promoted.user == second
    assert Registration.objects.get(user=second).status == "registered"
    assert Registration.objects.get(user=third).status == "waiting"
    assert mail.outbox[0].to == [second.email]
    assert mail.outbox[0].attachments


def test_registration_counts_in_both_languages(member_client, participant, make_webinar):
    webinar, english = make_webinar()
    _register(member_client, webinar)
    assert "You are registered." in member_client.get(english.url).content.decode()


def test_email_is_in_the_members_language(client, make_member, make_webinar, sent):
    webinar, english = make_webinar()
    member = make_member(language="en")
    client.force_login(member)
    _register(client, webinar, sent)
    message = mail.outbox[0]
    assert "You are registered" in message.subject and english.title in message.subject
    assert english.url in message.body


def test_join_link_only_for_registered_members_shortly_before(member_client, participant,
                                                               make_webinar):
    soon, _ = make_webinar(starts_in=timedelta(minutes=20))
    later, _ = make_webinar(starts_in=timedelta(hours=3))
    assert "room-42" not in member_client.get(soon.url).content.decode()
    registrations.register(participant, soon)
    registrations.register(participant, later)
    assert "room-42" in member_client.get(soon.url).content.decode()
    later_html = member_client.get(later.url).content.decode()
    assert "room-42" not in later_html
    assert "verschijnt hier op" in later_html


def test_no_registration_after_the_webinar(member_client, make_webinar):
    past, _ = make_webinar(starts_in=-timedelta(days=2))
    _register(member_client, past)
    assert not Registration.objects.filter(webinar_key=past.translation_key).exists()
    assert 'value="register"' not in member_client.get(past.url).content.decode()


def test_a_freed_place_is_told_even_with_confirmations_switched_off(make_member, make_webinar,
                                                                    sent):
    webinar, _ = make_webinar(capacity=1)
    first, second = make_member(), make_member()
    set_email(second, registrations.REGISTRATION, False)
    with sent():
        registrations.register(first, webinar)
        registrations.register(second, webinar)
    assert [m.to for m in mail.outbox] == [[first.email]]
    mail.outbox.clear()
    with sent():
        registrations.unregister(first, webinar)
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert mail.outbox[0].attachments
    kinds = list(Notification.objects.filter(recipient=second).order_by("pk")
                 .values_list("kind", flat=True))
    assert kinds == [registrations.REGISTRATION, registrations.PLACE]
    assert Notification.objects.filter(recipient=second).last().url == webinar.url
