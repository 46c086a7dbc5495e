"""The member's own data: a download with theirs and nobody else's, and account deletion."""

import json

from django.contrib.auth import get_user_model
from django.urls import reverse

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
    mine = projects.save(me, project_data(title="Mijn project", consent_listing=True,
                                          co_owners=[other]))
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
                                            contact_email=me.email, co_owners=[colleague]))
    question = posting.ask(me, _ict(), "Een vraag die moet blijven?", "Tekst.", "nl", False)
    answer = posting.answer(colleague, question, "Een antwoord.", "nl")
    client.force_login(me)
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302

    assert not get_user_model().objects.filter(pk=me.pk).exists()
    assert not Project.objects.filter(pk=alone.pk).exists()
    shared.refresh_from_db()
    assert list(shared.owners.all()) == [colleague]
    assert shared.contact_email == colleague.email
    question.refresh_from_db()
    assert question.author is None and question.body_markdown == "Tekst."
    assert Answer.objects.get(pk=answer.pk).author == colleague
    records = ConsentRecord.objects.filter(project_title__in=["Alleen van mij", "Samen"])
    assert records.count() == 2 and all(r.user_id is None for r in records)
    assert Question.objects.filter(pk=question.pk).exists()


def test_a_wrong_password_deletes_nothing(client, participant, demo):
    client.force_login(participant)
    response = client.post(reverse("delete_account"), {"password": "not-my-password"})
    assert response.status_code == 200 and response.context["form"].errors
    assert get_user_model().objects.filter(pk=participant.pk).exists()
    assert "wachtwoord" in response.content.decode().lower() or \
        "password" in response.content.decode().lower()
