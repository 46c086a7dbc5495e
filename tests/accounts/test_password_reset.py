"""Password-reset links: a few per address and per network, and no hint who has an account.

The suite runs tasks at once (settings/test.py), so most tests see the email as
soon as the form is answered; the last ones queue them in the database as in
production and run the worker (``db_worker``) afterwards.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from accounts.tasks import send_password_reset_link
from leerkring.settings.base import task_backends
from tests.worker import run_waiting_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def reset_url():
    with translation.override("nl"):
        return reverse("password_reset")


def _ask(client, url, email, ip="10.0.0.1"):
    return client.post(url, {"email": email}, REMOTE_ADDR=ip)


def _page(response):
    """The answer without what differs per request anyway (the CSRF token)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_links_for_one_address_are_limited_per_hour(client, participant, reset_url, settings):
    limit = settings.PASSWORD_RESET_LINKS_PER_HOUR
    for n in range(limit):
        assert _ask(client, reset_url, participant.email, ip=f"10.0.0.{n}").status_code == 302
    response = _ask(client, reset_url, participant.email, ip="10.0.1.1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "geen nieuwe link" in html  # told why, in their language
    assert f'value="{participant.email}"' in html  # what they typed is kept
    assert len(mail.outbox) == limit


def test_other_spellings_count_against_the_same_address(client, participant, reset_url,
                                                        settings):
    spellings = [participant.email.upper(), f" {participant.email} ",
                 participant.email.capitalize(), participant.email]
    for n, spelling in enumerate(spellings):
        _ask(client, reset_url, spelling, ip=f"10.0.0.{n}")
    assert len(mail.outbox) == settings.PASSWORD_RESET_LINKS_PER_HOUR


def test_requests_from_one_network_are_limited(client, make_member, reset_url, settings):
    settings.PASSWORD_RESET_REQUESTS_PER_HOUR_PER_IP = 4
    members = [make_member() for _ in range(6)]
    for member in members:
        _ask(client, reset_url, member.email)
    assert len(mail.outbox) == 4
    assert _ask(client, reset_url, members[0].email, ip="10.9.9.9").status_code == 302


def test_behind_the_proxy_each_visitor_has_their_own_network_limit(client, make_member,
                                                                    reset_url, settings):
    """Every request reaches gunicorn from the proxy: the visitor's address is its X-Real-IP."""
    settings.PASSWORD_RESET_REQUESTS_PER_HOUR_PER_IP = 2
    members = [make_member() for _ in range(5)]

    def ask(member, real_ip):
        return client.post(reset_url, {"email": member.email}, REMOTE_ADDR="127.0.0.1",
                           HTTP_X_REAL_IP=real_ip).status_code

    settings.BEHIND_TLS_PROXY = False  # a header anyone could send: not believed
    assert [ask(members[0], "192.0.2.1"), ask(members[1], "192.0.2.2"),
            ask(members[2], "192.0.2.3")] == [302, 302, 200]
    settings.BEHIND_TLS_PROXY = True
    assert [ask(members[3], "192.0.2.4"), ask(members[4], "192.0.2.5")] == [302, 302]
    assert [ask(members[3], "198.51.100.7"), ask(members[4], "198.51.100.7"),
            ask(members[0], "198.51.100.7")] == [302, 302, 200]
    assert ask(members[1], "not an address") == 200  # then the proxy's own, already used up


def test_the_answer_is_the_same_whether_or_not_an_account_exists(client, participant, reset_url,
                                                                 settings):
    known = _ask(client, reset_url, participant.email, ip="10.0.0.1")
    unknown = _ask(client, reset_url, "nobody@example.org", ip="10.0.0.2")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    for _ in range(settings.PASSWORD_RESET_LINKS_PER_HOUR):
        _ask(client, reset_url, participant.email, ip="10.0.0.3")
        _ask(client, reset_url, "nobody@example.org", ip="10.0.0.4")
    known = _ask(client, reset_url, participant.email, ip="10.0.0.5")
    unknown = _ask(client, reset_url, "nobody@example.org", ip="10.0.0.6")
    assert known.status_code == unknown.status_code == 200
    assert _page(known).replace(participant.email, "X") == _page(unknown).replace(
        "nobody@example.org", "X")


@pytest.fixture
def database_tasks(settings):
    """Tasks wait in the database for the worker, as in production."""
    settings.TASKS = task_backends("database")


def test_the_answer_only_queues_the_same_task_for_any_address(client, participant, reset_url,
                                                              database_tasks):
    """No email, and no lookup of the account, before the answer: its timing tells nothing."""
    known = _ask(client, reset_url, participant.email, ip="10.0.0.1")
    unknown = _ask(client, reset_url, "nobody@example.org", ip="10.0.0.2")
    assert known.status_code == unknown.status_code == 302
    assert mail.outbox == []
    waiting = DBTaskResult.objects.ready().order_by("enqueued_at")
    assert [row.task_path for row in waiting] == [send_password_reset_link.module_path] * 2
    assert [row.args_kwargs["args"][0] for row in waiting] == [participant.email,
                                                               "nobody@example.org"]
    # Everything else the task is given is the same for both.
    assert waiting[0].args_kwargs["kwargs"] == waiting[1].args_kwargs["kwargs"]


def test_the_worker_sends_the_link_only_to_an_account(client, participant, reset_url,
                                                      database_tasks):
    _ask(client, reset_url, participant.email.upper(), ip="10.0.0.1")
    _ask(client, reset_url, "nobody@example.org", ip="10.0.0.2")
    run_waiting_tasks()
    assert [m.to for m in mail.outbox] == [[participant.email]]
    assert "Leerkring" in mail.outbox[0].body  # the Dutch text, as the form was in Dutch
    assert "nieuw wachtwoord" in mail.outbox[0].body
    # Both tasks ran, and neither row keeps the typed address.
    rows = DBTaskResult.objects.all()
    assert [row.status for row in rows] == ["SUCCESSFUL", "SUCCESSFUL"]
    assert not [row for row in rows if "@" in str(row.args_kwargs)]
    # The link the worker made works: it leads to the form for a new password.
    link = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)
    chosen = client.get(link, follow=True)
    assert chosen.status_code == 200
    assert 'name="new_password1"' in chosen.content.decode()


def test_the_admin_reset_form_has_the_same_limit(client, participant, settings):
    limit = settings.PASSWORD_RESET_LINKS_PER_HOUR
    for n in range(limit + 2):
        _ask(client, "/admin/password_reset/", participant.email.upper(), ip=f"10.0.0.{n}")
    assert len(mail.outbox) == limit
