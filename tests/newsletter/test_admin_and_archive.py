"""The newsletter in the admin (preview, test, send: coordinators only, once) and its
archive on the site (sent issues only, for members)."""

import pytest
from django.core import mail
from django.urls import reverse

from newsletter.models import Delivery, Dispatch
from notices import preferences
from notices.kinds import NEWSLETTER

pytestmark = pytest.mark.django_db


def _send_url(issue):
    return reverse("newsletter_send", args=[issue.pk])


def test_the_test_goes_to_the_coordinator_only(client, make_issue, coordinator, subscriber,
                                                sent):
    nl_issue, _en = make_issue()
    subscriber("nl")
    client.force_login(coordinator)
    with sent():
        response = client.post(_send_url(nl_issue), {"action": "test"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert not Dispatch.objects.filter(issue_key=nl_issue.translation_key).exists()


def test_only_coordinators_send(client, make_issue, editor, subscriber, sent):
    nl_issue, _en = make_issue()
    subscriber("nl")
    client.force_login(editor)
    with sent():
        for action in ("test", "send"):
            # Wagtail's admin turns a refusal into a redirect to its dashboard.
            assert client.post(_send_url(nl_issue), {"action": action}).url == "/admin/"
    assert client.get(_send_url(nl_issue)).url == "/admin/"
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_send_asks_first_then_sends_once(client, make_issue, coordinator, subscriber, sent):
    nl_issue, _en = make_issue()
    member = subscriber("en")
    client.force_login(coordinator)
    page = client.get(_send_url(nl_issue)).content.decode()
    assert "1 lid heeft de nieuwsbrief aangezet" in page and 'value="send"' in page
    assert mail.outbox == []
    with sent():
        client.post(_send_url(nl_issue), {"action": "send"})
        client.post(_send_url(nl_issue), {"action": "send"})
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert 'value="send"' not in client.get(_send_url(nl_issue)).content.decode()


def test_the_preview_is_the_email_in_each_language(rf, make_issue, coordinator):
    nl_issue, en_issue = make_issue()
    assert [mode for mode, _label in nl_issue.preview_modes] == ["", "email", "email-text"]
    for issue, words, lang in ((nl_issue, "Dag allemaal.", "nl"),
                               (en_issue, "Hello all.", "en")):
        request = rf.get("/")
        request.user = coordinator
        html = issue.serve_preview(request, "email").content.decode()
        assert words in html and f'<html lang="{lang}">' in html
        text = issue.serve_preview(request, "email-text")
        assert text["Content-Type"].startswith("text/plain") and words in text.content.decode()


def test_the_archive_shows_sent_issues_only_newest_first(client, make_issue, participant,
                                                        coordinator, sent):
    older, older_en = make_issue()
    newer, newer_en = make_issue()
    draft, draft_en = make_issue()
    with sent():
        from newsletter import sending
        sending.start(older, coordinator)
        sending.start(newer, coordinator)
    Dispatch.objects.filter(issue_key=older.translation_key).update(
        sent_at=Dispatch.objects.get(issue_key=newer.translation_key).sent_at.replace(year=2020))
    assert client.get("/nl/nieuwsbrief/").status_code == 302  # members only
    client.force_login(participant)
    for archive, (new, old, unsent) in (("/nl/nieuwsbrief/", (newer, older, draft)),
                                        ("/en/newsletter/", (newer_en, older_en, draft_en))):
        page = client.get(archive).content.decode()
        assert new.title in page and old.title in page and unsent.title not in page
        assert page.index(new.title) < page.index(old.title)
    assert client.get(newer_en.url).status_code == 200
    assert client.get(draft.url).status_code == 404
    assert client.get(draft_en.url).status_code == 404


def test_received_issues_are_in_the_members_data(make_issue, coordinator, subscriber, sent):
    from accounts.personal_data import collect
    nl_issue, _en = make_issue()
    member = subscriber("nl")
    with sent():
        from newsletter import sending
        sending.start(nl_issue, coordinator)
    [received] = collect(member)["newsletter"]["received"]
    assert received["issue"] == nl_issue.title and received["state"] == "sent"
    assert collect(coordinator)["newsletter"]["sent_as_coordinator"][0]["issue"] == nl_issue.title
    preferences.set_email(member, NEWSLETTER, False)
