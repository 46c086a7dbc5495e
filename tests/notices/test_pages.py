"""The bell, the notifications page and the email settings: each member sees only
their own, at a cost that does not grow with how many they have."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import MODERATORS, PARTICIPANTS
from notices import preferences, reading
from notices.models import Notification
from tests.notices.conftest import PING, QUIET

pytestmark = pytest.mark.django_db

INDEX = "/nl/meldingen/"


def _many(member, count, read=False, text="Melding"):
    now = timezone.now()
    Notification.objects.bulk_create([Notification(
        recipient=member, kind=PING, language="nl", text=f"{text} {n}",
        url=f"/nl/forum/question/{n}/", created_at=now - timedelta(minutes=n),
        read_at=now if read else None) for n in range(count)])


def _bell(html):
    start = html.index('<a class="bell')
    return html[start:html.index("</a>", start)]


def test_the_bell_counts_the_unread_ones(client, make_member):
    member = make_member()
    client.force_login(member)
    bell = _bell(client.get("/nl/").content.decode())
    assert "Meldingen, geen ongelezen" in bell and "bell__count" not in bell
    _many(member, 3)
    _many(member, 2, read=True)
    bell = _bell(client.get("/nl/").content.decode())
    assert 'href="/nl/meldingen/"' in bell
    assert '<span class="bell__count" aria-hidden="true">3</span>' in bell
    assert "Meldingen, 3 ongelezen" in bell
    english = _bell(client.get("/en/").content.decode())
    assert 'href="/en/notifications/"' in english and "Notifications, 3 unread" in english


def test_the_bell_stops_counting_at_99(client, make_member):
    member = make_member()
    _many(member, reading.COUNT_LIMIT + 5)
    client.force_login(member)
    bell = _bell(client.get("/nl/").content.decode())
    assert ">99+</span>" in bell and "Meldingen, meer dan 99 ongelezen" in bell


def test_visitors_have_no_bell(client, demo):
    assert '<a class="bell' not in client.get("/nl/inloggen/").content.decode()


def test_the_page_lists_newest_first_marks_them_read_and_the_count_drops(client, make_member):
    member = make_member()
    _many(member, reading.PER_PAGE + 5)
    client.force_login(member)
    html = client.get(INDEX).content.decode()
    assert html.index("Melding 0<") < html.index("Melding 1<") < html.index("Melding 19<")
    assert "Melding 20<" not in html  # on page 2
    assert html.count('class="badge badge--new"') == reading.PER_PAGE  # shown as new once
    assert 'href="/nl/forum/question/0/" lang="nl"' in html
    # After marking the page's 20, five are left: the bell says so on this very page.
    assert "Meldingen, 5 ongelezen" in _bell(html)
    assert "Alles als gelezen markeren" in html
    assert Notification.objects.filter(recipient=member, read_at=None).count() == 5
    again = client.get(INDEX).content.decode()
    assert 'badge--new' not in again
    response = client.post(reverse("notices:read_all"))
    assert response.status_code == 302
    assert reading.unread_count(member) == 0
    assert "Meldingen, geen ongelezen" in _bell(client.get(INDEX + "?page=2").content.decode())


def test_the_empty_page(client, make_member):
    client.force_login(make_member(language="en"))
    html = client.get("/en/notifications/").content.decode()
    assert "Nothing yet." in html and "Mark all as read" not in html


def test_a_member_never_sees_or_marks_anothers(client, make_member):
    mine, theirs = make_member(), make_member()
    _many(theirs, 3, text="Geheim")
    _many(mine, 1, text="Eigen")
    client.force_login(mine)
    html = client.get(INDEX).content.decode()
    assert "Eigen 0" in html and "Geheim" not in html
    assert "Meldingen, geen ongelezen" in _bell(html)
    client.post(reverse("notices:read_all"))
    assert reading.unread_count(theirs) == 3


def _queries(client, url):
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_queries_do_not_grow_with_the_notifications(client, make_member):
    few, many = make_member(), make_member()
    _many(few, 2)
    _many(many, 150)
    counts = {}
    for member in (few, many):
        client.force_login(member)
        counts[member] = (_queries(client, "/nl/"), _queries(client, INDEX))
        Notification.objects.filter(recipient=member).update(read_at=None)
    assert counts[few] == counts[many]


def _checked(html, name):
    """Whether the checkbox ``name`` is ticked; None when there is none."""
    found = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', html)
    return None if found is None else " checked" in found.group(0)


def test_the_email_settings_on_my_account(client, make_member):
    member = make_member()
    client.force_login(member)
    html = client.get(reverse("profile")).content.decode()
    assert 'id="email-settings"' in html
    assert _checked(html, "email_tests_ping") is True
    assert _checked(html, "email_tests_quiet") is False
    assert "Forumberichten die op moderatie wachten" not in html  # for moderators only
    response = client.post(reverse("notices:settings"), {
        "email_tests_quiet": "on", "digest": "daily",
        "next": reverse("profile") + "#email-settings"})
    assert response["Location"] == "/nl/account/#email-settings"
    assert not preferences.wants_email(member, PING)
    assert preferences.wants_email(member, QUIET)
    assert preferences.digest_frequency(member) == "daily"
    html = client.get(reverse("profile")).content.decode()
    assert _checked(html, "email_tests_ping") is False
    assert _checked(html, "email_tests_quiet") is True
    assert re.search(r'<input type="radio" name="digest" value="daily"[^>]* checked', html)
    response = client.post(reverse("notices:settings"), {
        "email_tests_ping": "on", "digest": "weekly", "next": "https://elsewhere.example/"})
    assert response["Location"] == reverse("notices:settings")  # never off the site
    assert preferences.wants_email(member, PING)
    response = client.post(reverse("notices:settings"), {"digest": "hourly"})
    assert response.status_code == 200 and preferences.digest_frequency(member) == "weekly"


def test_moderators_choose_about_the_queue(client, make_member, demo):
    client.force_login(make_member(PARTICIPANTS, MODERATORS))
    html = client.get(reverse("notices:settings")).content.decode()
    assert "Forumberichten die op moderatie wachten" in html
    assert "Antwoorden op mijn vragen" in html and "Nieuwsbrief" in html
