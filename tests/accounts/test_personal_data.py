"""The member's own data: a download with theirs and nobody else's, and account deletion."""

import json

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts import personal_data
from catalogue import consent, projects
from catalogue.models import ConsentRecord, Project
from forum import posting
from forum.models import Answer, Question
from learning.models import LessonPage, LessonProgress
from tests.catalogue.conftest import project_data
from tests.conftest import PASSWORD
from topics.models import Topic


def _ict():
    return Topic.objects.get(locale__language_code="nl", slug="ict")


def _download(client, user):
    client.force_login(user)
    response = client.get(reverse("download_my_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_the_download_holds_the_members_data_and_nobody_elses(client, make_member, demo):
    me, other = make_member(first_name="Mira"), make_member(first_name="Otto")
    mine = projects.save(me, project_data(title="Mijn project", consent_listing=True))
    mine.owners.add(other)  # an accepted invitation
    projects.save(other, project_data(title="Project van Otto", consent_listing=True,
                                      contact_email="otto.secret@example.org"))
    posting.ask(me, _ict(), "Mijn vraag over laptops?", "Tekst van Mira.", "nl", False)
    posting.ask(other, _ict(), "Vraag van Otto over laptops?", "Tekst van Otto.", "nl", False)
    consent.grant(other, mine, consent.CONTACT)  # recorded by the co-owner, not by me
    lesson = LessonPage.objects.filter(locale__language_code="nl").first()
    LessonProgress.objects.create(user=me, package_key=lesson.package.translation_key,
                                  lesson_key=lesson.translation_key,
                                  last_visited_at=lesson.first_published_at)

    data = _download(client, me)

    text = json.dumps(data)
    assert data["account"]["email"] == me.email
    assert [p["title"] for p in data["projects"]] == ["Mijn project"]
    assert data["projects"][0]["co_owner_count"] == 1
    assert data["projects"][0]["contact"] is None  # Karel's details, not mine
    assert [c["granted"] for c in data["consents"]] == [True]  # only the one I gave
    assert [q["title"] for q in data["forum"]["questions"]] == ["Mijn vraag over laptops?"]
    assert len(data["learning"]["lessons"]) == 1
    for foreign in ("Project van Otto", "otto.secret@example.org", "Tekst van Otto.",
                    other.email, other.first_name, "karel@leuven.example"):
        assert foreign not in text


def test_deleting_the_account_follows_the_rules(client, make_member, demo):
    me, colleague = make_member(), make_member()
    alone = projects.save(me, project_data(title="Alleen van mij", consent_listing=True,
                                           contact_email=me.email))
    shared = projects.save(me, project_data(title="Samen", consent_listing=True,
                                            contact_email=me.email))
    shared.owners.add(colleague)  # an accepted invitation
    question = posting.ask(me, _ict(), "Een vraag die moet blijven?", "Tekst.", "nl", False)
    answer = posting.answer(colleague, question, "Een antwoord.", "nl")
    client.force_login(me)
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302

    assert not get_user_model().objects.filter(pk=me.pk).exists()
    assert not Project.objects.filter(pk=alone.pk).exists()
    shared.refresh_from_db()
    assert list(shared.owners.all()) == [colleague]
    # The leaving member's details go; nobody else's take their place unasked.
    assert me.email not in (shared.contact_email, shared.contact_name)
    assert colleague.email != shared.contact_email
    question.refresh_from_db()
    assert question.author is None and question.body_markdown == "Tekst."
    assert Answer.objects.get(pk=answer.pk).author == colleague
    records = ConsentRecord.objects.filter(project_title__in=["Alleen van mij", "Samen"])
    assert records.filter(granted=True).count() == 2 and all(r.user_id is None for r in records)
    assert Question.objects.filter(pk=question.pk).exists()


def test_a_wrong_password_deletes_nothing(client, participant, demo):
    client.force_login(participant)
    response = client.post(reverse("delete_account"), {"password": "not-my-password"})
    assert response.status_code == 200 and response.context["form"].errors
    assert get_user_model().objects.filter(pk=participant.pk).exists()
    assert "wachtwoord" in response.content.decode().lower() or \
        "password" in response.content.decode().lower()


# --- Everything kept about the member, and erasure that matches ---------------------------

def _links_to_the_user_model():
    """Every foreign key, one-to-one and many-to-many to the user model, in every installed
    app (Wagtail's and third-party ones too), as "app_label.Model.field"."""
    from django.apps import apps

    user_model = get_user_model()
    links = set()
    for model in apps.get_models():
        for field in model._meta.get_fields(include_hidden=True):
            if field.auto_created or not field.is_relation or field.related_model is not user_model:
                continue
            links.add(f"{field.model._meta.label}.{field.name}")
    return links


# Fields that hold a member's identity without a foreign key (axes keys failed logins
# by the typed address, sessions keep the user id inside their data).
IDENTITY_NAMES = ("email", "username", "ip_address", "session_data")


def _identity_fields():
    from django.apps import apps

    return {f"{field.model._meta.label}.{field.name}"
            for model in apps.get_models() for field in model._meta.concrete_fields
            if not field.is_relation and any(name in field.name for name in IDENTITY_NAMES)}


def test_every_link_to_a_member_is_in_the_download_or_explained(demo):
    """A new model that points at a member fails here until it is exported or explained."""
    from accounts import personal_data

    accounted = personal_data.covered_links() | set(personal_data.NOT_IN_DOWNLOAD)
    assert sorted((_links_to_the_user_model() | _identity_fields()) - accounted) == []
    for link, reason in personal_data.NOT_IN_DOWNLOAD.items():
        assert len(reason) > 20, f"{link}: say why it is not in the download"


def test_every_field_of_the_account_is_in_the_download_or_explained(client, participant):
    """A new field on the member's account (like the analytics opt-out) is exported."""
    from accounts import personal_data

    account = _download(client, participant)["account"]
    for field in get_user_model()._meta.concrete_fields:
        link = f"{field.model._meta.label}.{field.name}"
        assert field.name in account or link in personal_data.NOT_IN_DOWNLOAD, link


def test_the_download_holds_the_new_items(client, make_member, demo, sent):
    """Earlier versions of own posts, contact messages, email choices, the
    analytics opt-out and co-owner invitations are in the download."""
    from catalogue.models import ContactMessage
    from notices.preferences import set_email

    me, other = make_member(analytics_opt_out=True), make_member()
    question = posting.ask(me, _ict(), "Eerste versie van mijn vraag?", "Oude tekst.", "nl")
    posting.edit(me, question, "Nieuwe tekst.", title="Tweede versie van mijn vraag?")
    set_email(me, "forum.answered", False)
    theirs = projects.save(other, project_data(title="Project van Otto", consent_listing=True))
    ContactMessage.objects.create(sender=me, project=theirs)
    with sent():
        mine = projects.save(me, project_data(title="Mijn project",
                                              co_owners=["someone@elsewhere.example"]))
        projects.save(other, project_data(title="Otto nodigt uit", co_owners=[me.email]))

    data = _download(client, me)

    assert data["account"]["analytics_opt_out"] is True
    versions = data["forum"]["earlier_versions"]
    assert [(v["title"], v["text"]) for v in versions] == [
        ("Eerste versie van mijn vraag?", "Oude tekst.")]
    assert data["notifications"]["email_choices"] == {"forum.answered": False}
    assert [m["project"] for m in data["contact_messages"]] == ["Project van Otto"]
    assert [(i["project"], i["address"]) for i in data["co_owner_invitations"]["sent"]] == [
        (mine.title, "someone@elsewhere.example")]
    assert [i["project"] for i in data["co_owner_invitations"]["received"]] == [
        "Otto nodigt uit"]


def test_the_download_holds_editorial_traces_and_failed_logins(client, editor, demo):
    """Admin comments, log entries and failed logins under one's address are exported."""
    from axes.models import AccessAttempt
    from wagtail.models import Comment, Page, PageLogEntry

    page = Page.objects.filter(depth=3).first().specific
    PageLogEntry.objects.log_action(page, "wagtail.edit", user=editor)
    Comment.objects.create(page=page, user=editor, text="Klopt dit cijfer?", contentpath="title")
    AccessAttempt.objects.create(username=editor.email, ip_address="192.0.2.7",
                                 failures_since_start=2, user_agent="", http_accept="",
                                 path_info="/nl/login/", get_data="", post_data="")
    data = _download(client, editor)
    assert any(e["action"] == "wagtail.edit" for e in data["editorial"]["log_entries"])
    assert [c["text"] for c in data["editorial"]["comments"]] == ["Klopt dit cijfer?"]
    assert [a["ip_address"] for a in data["logins"]["failed_attempts"]] == ["192.0.2.7"]


def test_deleting_the_account_leaves_nothing_that_points_at_the_member(
        client, make_member, editor, demo, sent):
    """Everything the download holds is deleted or anonymised: no row still names them."""
    from axes.models import AccessAttempt
    from django.apps import apps
    from django.contrib.sessions.models import Session
    from wagtail.models import ModelLogEntry, Page, PageLogEntry

    from catalogue.models import ContactMessage

    other = make_member()
    page = Page.objects.filter(depth=3).first().specific
    PageLogEntry.objects.log_action(page, "wagtail.edit", user=editor)
    ModelLogEntry.objects.log_action(other, "wagtail.edit", user=editor)
    question = posting.ask(editor, _ict(), "Een vraag die ik verbeter?", "Oud.", "nl")
    posting.edit(editor, question, "Nieuw.")
    ContactMessage.objects.create(sender=editor, project=projects.save(
        other, project_data(title="Van een ander", consent_listing=True)))
    with sent():
        projects.save(other, project_data(title="Uitnodiging", co_owners=[editor.email]))
    AccessAttempt.objects.create(username=editor.email, ip_address="192.0.2.7",
                                 failures_since_start=1, user_agent="", http_accept="",
                                 path_info="/nl/login/", get_data="", post_data="")
    client.force_login(editor)
    other_device = type(client)()
    other_device.force_login(editor)
    pk, email = editor.pk, editor.email

    personal_data.delete_account(editor)

    for link in _links_to_the_user_model():
        label, name = link.rsplit(".", 1)
        model = apps.get_model(label)
        assert not model._base_manager.filter(**{name: pk}).exists(), link
    assert not AccessAttempt.objects.filter(username=email).exists()
    assert not [s for s in Session.objects.all()
                if str(s.get_decoded().get("_auth_user_id")) == str(pk)]
    from catalogue.models import CoOwnerInvitation

    assert not CoOwnerInvitation.objects.filter(email=email).exists()
