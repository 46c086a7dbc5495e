"""The relay form's subject is an email header: a line break is a form error, not a 500."""

import pytest
from django.core import mail
from django.test import Client

from catalogue import projects
from catalogue.models import ContactMessage


@pytest.fixture
def relay(make_member, make_project, url):
    """(client of a member, the contact form's URL) for a listed project without consent."""
    owner, other = make_member(), make_member(first_name="Vera")
    project = make_project(owner, listed=True, contact=False)
    client = Client(raise_request_exception=False)
    client.force_login(other)
    return client, url("contact", pk=project.pk)


@pytest.mark.parametrize("subject", [
    "Een vraag\r\nBcc: everyone@example.org", "Een vraag\nover jullie project", "Vraag\rtwee",
])
def test_a_subject_with_a_line_break_is_refused_and_costs_nothing(relay, sent, subject):
    client, url = relay
    message = "Hoe hebben jullie dat aangepakt?"
    with sent():
        response = client.post(url, {"subject": subject, "message": message})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Schrijf dit op één regel." in html
    assert message in html  # what was typed stays in the form
    assert not ContactMessage.objects.exists() and not mail.outbox


@pytest.mark.parametrize("subject", ["\u200b\u200b\u200b\u200b", "\x07\x08\x1b", "\u202eVraag"])
def test_an_invisible_or_disguised_subject_is_refused(relay, sent, subject):
    client, url = relay
    with sent():
        response = client.post(url, {"subject": subject, "message": "Een echte vraag hier."})
    assert response.status_code == 200 and response.context["form"].errors["subject"]
    assert not ContactMessage.objects.exists() and not mail.outbox


def test_the_relay_refuses_a_header_it_cannot_send_before_counting(make_member, make_project):
    """Whatever calls the relay: a subject Django cannot send uses none of the day's messages."""
    sender = make_member()
    project = make_project(make_member(), listed=True)
    with pytest.raises(projects.Refused):
        projects.relay(sender, project, "Vraag\nBcc: x@example.org", "Een vraag.", "/p/")
    assert not ContactMessage.objects.exists()
    assert projects.messages_left(sender) > 0
