"""Hostile input on every site form: a clear error or a redirect, never a 500, never half-stored."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

PASSWORD = "a-long-test-password"  # as in tests/conftest.py
User = get_user_model()

# What a form field may receive from someone who means harm or makes a mess.
# A value of bytes is sent raw (percent-encoded), for what the client cannot encode.
HOSTILE = {
    "overlong": "x" * 10_001,
    "overlong-email": "a" * 10_000 + "@example.org",
    "long-email": "a" * 290 + "@example.org",  # valid for Django, longer than many columns
    "nul-byte": "abc\x00def",
    "rtl-override": "\u202egpj.exe",
    "emoji": "\U0001f600" * 40,
    "combining": "e" + "\u0301" * 300,
    "lone-surrogate": b"ab\xed\xa0\x80cd",
    "invalid-utf8": b"\xff\xfe\xc3(",
    "empty": "",
    "whitespace": " \t\n ",
    "html": '<script>alert("x")</script>',
    "format-string": "%(email)s {0} %s %n",
    "sql": "' OR '1'='1' --",
    "not-a-choice": "1 OR 1",
    "two-values": ["first", "second"],
    # Header injection: a subject or a name that would end an email header.
    "line-break": "Een vraag\r\nBcc: everyone@example.org",
    # Text with nothing to show (usertext.visible): a post or a title of these
    # would be published empty.
    "control-only": "\x01\x02\x07\x1b\x7f\x85",
    "zero-width-only": "\u200b\u200c\u200d\u2060\ufeff" * 3,
    "combining-only": "\u0301\u0308" * 10,
    "bidi-isolate": "Ada \u2066Lovelace\u2069",
    # Past the ends of the calendar and of 64 bits.
    "year-9999": "9999-12-31",
    "year-0": "0000-01-01",
    "overlong-number": "1234567890123456789012345",
}


def _member(make_member, **fields):
    return make_member(email="hostile@example.org", first_name="Ada", last_name="Lovelace",
                       organisation="Stad Gent", **fields)


class Form:
    """One form under attack: who posts, where, what a valid POST holds, what may change."""

    def __init__(self, url, data, fields, user=None):
        self.url, self.data, self.fields, self.user = url, data, fields, user

    def client(self):
        client = Client(raise_request_exception=False)
        if self.user is not None:
            client.force_login(self.user)
        return client

    def snapshot(self):
        """What must stay unchanged when the form is refused."""
        from catalogue.models import ConsentRecord, ContactMessage, Project
        from forum.models import Answer, Flag, PostEdit, Question

        users = list(User.objects.order_by("pk").values())
        catalogue = (list(Project.objects.order_by("pk").values()),
                     ConsentRecord.objects.count(), ContactMessage.objects.count())
        forum = tuple(list(model.objects.order_by("pk").values())
                      for model in (Question, Answer, PostEdit, Flag))
        return users, len(mail.outbox), catalogue, forum


def _catalogue_forms(member):
    """The project form, the relay form and the consent form of the catalogue."""
    from catalogue import projects
    from catalogue.models import CatalogueIndexPage
    from tests.catalogue.conftest import project_data
    from topics.models import Topic

    catalogue = CatalogueIndexPage.objects.get(locale__language_code="nl")
    owner = User.objects.get(email="participant@example.org")
    shared = projects.save(owner, project_data(consent_listing=True))
    own = projects.save(member, project_data(title="Eigen project"))
    project_fields = {
        "title": "Circulaire printers", "language": "nl", "organisation": "Stad Gent",
        "organisation_type": "public_buyer",
        "product_group": str(Topic.objects.get(locale__language_code="nl", slug="ict").pk),
        "strategies": ["A2", "C5"], "phase": "contract", "year": "2019",
        "contract_text": "Printen per pagina.", "description": "We betalen per pagina.",
        "contact_name": "Ada Lovelace", "contact_email": "ada@example.org",
        "contact_phone": "+32 9 123 45 67", "co_owners": "", "consent_listing": "on",
    }
    return {
        "catalogue-project": Form(catalogue.url_for("new"), project_fields,
                                  list(project_fields), user=member),
        "catalogue-contact": Form(catalogue.url_for("contact", pk=shared.pk), {
            "subject": "Een vraag", "message": "Hoe hebben jullie dat aangepakt?"},
            ["subject", "message"], user=member),
        "catalogue-consent": Form(catalogue.url_for("consent", pk=own.pk), {
            "consent_listing": "on", "consent_contact": "on"},
            ["consent_listing", "consent_contact"], user=member),
    }


def _forum_forms(member, make_member):
    """Asking, answering, editing, flagging and rejecting in the forum."""
    from accounts.roles import MODERATORS, PARTICIPANTS
    from forum import posting
    from forum.models import ForumIndexPage, ModerationMode, ModerationRule
    from topics.models import Topic

    forum = ForumIndexPage.objects.get(locale__language_code="nl")

    def url(name, **kwargs):
        return forum.url + forum.reverse_subpage(name, kwargs=kwargs or None)

    topic = Topic.objects.get(locale__language_code="nl", slug="ict")
    ModerationRule.objects.update_or_create(topic=topic, defaults={"mode": ModerationMode.NONE})
    # Past the newcomers' first day, so no daily limit answers instead of the form.
    User.objects.filter(pk=member.pk).update(date_joined=member.date_joined - timedelta(days=2))
    member.refresh_from_db()
    moderator = make_member(PARTICIPANTS, MODERATORS, email="moderator.hostile@example.org")
    question = posting.ask(member, topic, "Een bestaande vraag over ICT", "Met uitleg.", "nl",
                           False)
    own_answer = posting.answer(member, question, "Mijn eigen antwoord.", "nl")
    other_answer = posting.answer(moderator, question, "Een antwoord van de moderator.", "nl")
    return {
        "forum-ask": Form(url("ask"), {
            "topic": str(topic.pk), "title": "Hoe schrijf je een circulair bestek?",
            "body": "Graag wat tips hierover.", "language": "nl"},
            ["topic", "title", "body", "language", "anonymous"], user=member),
        "forum-answer": Form(url("question", pk=question.pk), {
            "body": "Dit is mijn antwoord.", "language": "nl"}, ["body", "language"],
            user=member),
        "forum-edit-question": Form(url("edit_question", pk=question.pk), {
            "title": "Een bestaande vraag over ICT-inkoop", "body": "Met meer uitleg."},
            ["title", "body"], user=member),
        "forum-edit-answer": Form(url("edit_answer", pk=own_answer.pk), {
            "body": "Mijn verbeterde antwoord."}, ["body"], user=member),
        "forum-flag": Form(url("post_action", kind="answer", pk=other_answer.pk,
                               action="flag"), {"reason": "spam", "note": "Reclame."},
                           ["reason", "note"], user=member),
        "forum-reject": Form(url("moderate", kind="answer", pk=own_answer.pk, action="reject"),
                             {"reason": "Dit hoort niet bij de vraag."}, ["reason"],
                             user=moderator),
    }


def _forms(make_member, coordinator):
    member = _member(make_member)
    return {
        **_catalogue_forms(member),
        **_forum_forms(member, make_member),
        "delete-account": Form(reverse("delete_account"), {"password": PASSWORD},
                               ["password"], user=make_member(email="leaving@example.org")),
        "login": Form(reverse("login"), {"username": member.email, "password": PASSWORD},
                      ["username", "password"]),
        "password-reset": Form(reverse("password_reset"), {"email": member.email}, ["email"]),
        "profile": Form(reverse("profile"), {
            "first_name": "Ada", "last_name": "Lovelace", "organisation": "Stad Gent",
            "organisation_type": "public_buyer", "preferred_language": "nl",
        }, ["first_name", "last_name", "organisation", "organisation_type",
            "preferred_language"], user=member),
        "password-change": Form(reverse("password_change"), {
            "old_password": PASSWORD, "new_password1": "circular-buying-2026",
            "new_password2": "circular-buying-2026",
        }, ["old_password", "new_password1", "new_password2"], user=member),
        "admin-invitation": Form(reverse("accounts_admin:invite"), {
            "email": "someone.new@example.org", "first_name": "Some", "last_name": "One",
            "organisation": "", "organisation_type": "other", "preferred_language": "nl",
            "roles": [str(Group.objects.get(name="Participants").pk)],
        }, ["email", "first_name", "last_name", "organisation", "organisation_type",
            "preferred_language", "roles"], user=coordinator),
    }


FORM_NAMES = ["login", "password-reset", "profile", "password-change", "admin-invitation",
              "catalogue-project", "catalogue-contact", "catalogue-consent", "forum-ask",
              "forum-answer", "forum-edit-question", "forum-edit-answer", "forum-flag",
              "forum-reject", "delete-account"]


def _encode(data):
    """A form body; bytes values go out as they are, percent-encoded."""
    pairs = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            raw = item if isinstance(item, bytes) else str(item).encode("utf-8")
            pairs.append((name.encode(), raw))
    return urlencode(pairs)


def _post(client, url, data):
    return client.post(url, _encode(data), content_type="application/x-www-form-urlencoded")


def _stored_text(snapshot):
    """Every text value in a snapshot, with where it is."""
    def walk(value, where):
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{where}.{key}")
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                yield from walk(item, f"{where}[{index}]")

    return set(walk(snapshot, "snapshot"))


# Stored values of several lines or Markdown, which may keep direction overrides
# (usertext.visible); names, titles and subjects may not.
_LONG_TEXT = ("_markdown", "_html", "_text", "body", "note", "reason", "message")


def _nothing_stored_empty(before, after):
    """No new text shows as nothing or hides its direction, and no post is published
    without text."""
    from usertext.visible import has_direction_override, visible_length

    for where, value in _stored_text(after) - _stored_text(before):
        if not where.endswith(("password", "session_key")):
            assert not value or visible_length(value), (where, value)
        if not where.endswith(_LONG_TEXT):
            assert not has_direction_override(value), (where, value)
    for posts in after[3][:2]:  # questions and answers
        for post in posts:
            assert post["body_html"], ("stored empty", post)


def _check_answer(response, before, after):
    """200 with the errors shown and nothing stored, or a redirect; never text that shows
    as nothing."""
    assert response.status_code in (200, 302), response.status_code
    _nothing_stored_empty(before, after)
    if response.status_code == 200:
        form = response.context["form"]
        assert form.errors, "a 200 without a visible error"
        html = response.content.decode()
        for messages in form.errors.values():
            for message in messages:
                assert escape(message) in html, message
        assert before == after, "a refused form changed something"


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize("form_name", FORM_NAMES)
def test_hostile_values_in_every_field(make_member, coordinator, form_name, kind):
    form = _forms(make_member, coordinator)[form_name]
    client = form.client()
    for field in form.fields:
        before = form.snapshot()
        response = _post(client, form.url, {**form.data, field: HOSTILE[kind]})
        _check_answer(response, before, form.snapshot())
        if response.status_code == 302 and form.user is not None:
            client = form.client()  # a changed password ends the session
        if form_name == "login" and response.status_code == 302:
            client = form.client()


@pytest.mark.parametrize("form_name", FORM_NAMES)
def test_missing_fields_and_wrong_body_types(make_member, coordinator, form_name):
    form = _forms(make_member, coordinator)[form_name]
    client = form.client()
    attempts = [
        ("empty body", lambda: _post(client, form.url, {})),
        ("JSON body", lambda: client.post(form.url, form.data, content_type="application/json")),
        ("text body", lambda: client.post(form.url, "just text", content_type="text/plain")),
        ("file for a field", lambda: client.post(
            form.url, {**form.data, form.fields[0]: _upload()})),
    ]
    for name, attempt in attempts:
        before = form.snapshot()
        response = attempt()
        assert response.status_code in (200, 302), (name, response.status_code)
        if response.status_code == 200:
            _check_answer(response, before, form.snapshot())


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("evil.txt", b"\x00" * 1000, content_type="text/plain")


def test_profile_ignores_fields_it_does_not_offer(make_member):
    """No mass assignment: email, staff and superuser flags stay as they are."""
    member = _member(make_member)
    client = Client()
    client.force_login(member)
    response = _post(client, reverse("profile"), {
        "first_name": "Ada", "last_name": "Lovelace", "organisation_type": "other",
        "preferred_language": "nl", "email": "attacker@example.org", "is_staff": "on",
        "is_superuser": "on", "groups": "1", "password": "x",
    })
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "hostile@example.org"
    assert not member.is_staff and not member.is_superuser
    assert member.check_password(PASSWORD)


def test_a_refused_profile_keeps_every_field(make_member):
    """One bad field: none of the good ones beside it is stored."""
    member = _member(make_member)
    client = Client()
    client.force_login(member)
    response = _post(client, reverse("profile"), {
        "first_name": "Changed", "last_name": "Changed", "organisation": "x" * 10_001,
        "organisation_type": "other", "preferred_language": "en",
    })
    assert response.status_code == 200
    member.refresh_from_db()
    assert (member.first_name, member.last_name, member.organisation,
            member.preferred_language) == ("Ada", "Lovelace", "Stad Gent", "nl")


def test_stored_markup_is_shown_as_text(make_member):
    member = _member(make_member)
    client = Client()
    client.force_login(member)
    _post(client, reverse("profile"), {
        "first_name": HOSTILE["html"], "last_name": "Lovelace", "organisation_type": "other",
        "preferred_language": "nl",
    })
    html = client.get("/nl/").content.decode()
    assert HOSTILE["html"] not in html
    assert escape(HOSTILE["html"]) in html


def test_login_email_fits_the_lockout_records(client, db):
    """Axes stores a failed login's address in 255 characters: longer ones are refused first.

    SQLite ignores column lengths; PostgreSQL would answer a 500.
    """
    from axes.models import AccessAttempt

    limit = AccessAttempt._meta.get_field("username").max_length
    response = _post(client, reverse("login"),
                     {"username": HOSTILE["long-email"], "password": "wrong"})
    assert response.status_code == 200 and response.context["form"].errors["username"]
    assert len(HOSTILE["long-email"]) > limit
    assert not AccessAttempt.objects.exists()
