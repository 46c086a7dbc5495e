"""Consent: recorded, in order, versioned, and withdrawn with immediate effect everywhere."""

import json

import pytest
from django.urls import reverse

from catalogue import consent
from catalogue.models import ConsentRecord, ConsentText


def test_state_is_the_latest_record_and_history_keeps_every_step(participant, make_project):
    project = make_project(participant, listed=False)
    assert consent.state(project) == {"listing": False, "contact": False}
    consent.grant(participant, project, consent.LISTING)
    consent.grant(participant, project, consent.CONTACT)
    consent.withdraw(participant, project, consent.CONTACT)
    consent.withdraw(participant, project, consent.LISTING)
    consent.grant(participant, project, consent.LISTING)
    assert consent.state(project) == {"listing": True, "contact": False}
    steps = [(r.kind, r.granted, r.user, r.text.version) for r in consent.history(project)]
    assert steps == [("listing", True, participant, 1), ("contact", True, participant, 1),
                     ("contact", False, participant, 1), ("listing", False, participant, 1),
                     ("listing", True, participant, 1)]
    times = [r.created_at for r in consent.history(project)]
    assert times == sorted(times)


def test_records_cannot_be_changed(participant, make_project):
    project = make_project(participant, listed=True)
    record = ConsentRecord.objects.filter(project=project).first()
    record.granted = False
    with pytest.raises(ValueError):
        record.save()


def test_saving_the_form_records_only_changes(participant, make_project):
    from catalogue import projects
    from tests.catalogue.conftest import project_data

    project = make_project(participant, listed=True)
    projects.save(participant, project_data(consent_listing=True), project)
    projects.save(participant, project_data(consent_listing=True, consent_contact=True),
                  project)
    assert [(r.kind, r.granted) for r in consent.history(project)] == [
        ("listing", True), ("contact", True)]


def test_a_new_consent_text_keeps_projects_shown_under_the_old_one(
        client, participant, coordinator, make_project, url):
    project = make_project(participant, listed=True)
    ConsentText.objects.create(kind="listing", version=2, text_nl="Nieuwe tekst.",
                               text_en="New text.")
    assert consent.listed_projects().filter(pk=project.pk).exists()
    newer = make_project(participant, listed=True, title="Een tweede project")
    versions = {r.project_id: r.text.version for r in ConsentRecord.objects.filter(
        project__in=[project, newer], kind="listing")}
    assert versions == {project.pk: 1, newer.pk: 2}
    client.force_login(coordinator)
    page = client.get(url("coordination")).content.decode()
    assert "Nieuwe tekst." in page and project.title in page and newer.title in page
    assert participant.full_name in page


def test_a_deleted_projects_consent_records_stay_as_proof(participant, make_project):
    from catalogue import projects

    project = make_project(participant, listed=True)
    consent.withdraw(participant, project, consent.LISTING)
    projects.delete(project)
    assert ConsentRecord.objects.filter(project=None, project_title=project.title).count() == 2


def test_projects_shown_to_nobody_in_particular_are_the_listed_ones(participant,
                                                                   make_project):
    listed = make_project(participant, listed=True)
    hidden = make_project(participant, listed=False)
    public = consent.projects_shown_to(None)
    assert public.filter(pk=listed.pk).exists()
    assert not public.filter(pk=hidden.pk).exists()


def _places(client, url, project, owner_client):
    """Where a listed project appears, for the participant behind ``client``."""
    found = {}
    found["catalogue"] = project.title in client.get(url()).content.decode()
    found["project page"] = client.get(url("project", pk=project.pk)).status_code == 200
    found["home panel"] = project.title in client.get("/nl/").content.decode()
    found["filtered list"] = project.title in client.get(url() + "?strategy=A2").content.decode()
    return found


def test_withdrawal_takes_effect_at_once_everywhere(client, make_member, coordinator,
                                                    make_project, url):
    owner, other = make_member(), make_member()
    project = make_project(owner, listed=True, contact=True)
    client.force_login(other)
    assert all(_places(client, url, project, None).values())
    from django.test import Client

    coordinating = Client()
    coordinating.force_login(coordinator)
    assert project.title in coordinating.get(url("export")).content.decode()
    owning = Client()
    owning.force_login(owner)
    before = json.loads(owning.get(reverse("download_my_data")).content)
    assert before["projects"][0]["shown_to_participants"] is True

    consent.withdraw(owner, project, consent.LISTING)

    assert not any(_places(client, url, project, None).values())
    assert project.title not in coordinating.get(url("export")).content.decode()
    after = json.loads(owning.get(reverse("download_my_data")).content)
    assert after["projects"][0]["shown_to_participants"] is False
    assert after["consents"][-1] == {**after["consents"][-1], "consent": "listing",
                                     "granted": False}
    # Owners and coordinators still reach the project itself.
    assert owning.get(url("project", pk=project.pk)).status_code == 200
    assert coordinating.get(url("project", pk=project.pk)).status_code == 200


def test_contact_details_are_hidden_from_others_without_consent(client, make_member,
                                                                coordinator, make_project,
                                                                url):
    owner, other = make_member(), make_member()
    project = make_project(owner, listed=True, contact=False)
    client.force_login(other)
    page = client.get(url("project", pk=project.pk)).content.decode()
    for detail in ("Karel Koffie", "karel@leuven.example", "+32 16 11 22 33"):
        assert detail not in page
    assert url("contact", pk=project.pk) in page
    for insider in (owner, coordinator):
        client.force_login(insider)
        page = client.get(url("project", pk=project.pk)).content.decode()
        assert "karel@leuven.example" in page and "+32 16 11 22 33" in page


def test_contact_details_are_shown_with_consent_and_gone_after_withdrawal(
        client, make_member, make_project, url):
    owner, other = make_member(), make_member()
    project = make_project(owner, listed=True, contact=True)
    client.force_login(other)
    assert "karel@leuven.example" in client.get(url("project", pk=project.pk)).content.decode()
    assert consent.may_see_contact(other, project)
    consent.withdraw(owner, project, consent.CONTACT)
    assert "karel@leuven.example" not in client.get(
        url("project", pk=project.pk)).content.decode()
    assert not consent.may_see_contact(other, project)


def test_contact_consent_without_listing_is_refused_by_the_form(client, participant, url):
    client.force_login(participant)
    response = client.post(url("consent", pk=_own(participant).pk),
                           {"consent_contact": "on"})
    assert response.status_code == 200
    assert "Contactgegevens worden alleen samen met het project getoond" in \
        response.content.decode()
    assert not ConsentRecord.objects.filter(project__owners=participant).exists()


def _own(user):
    from catalogue import projects
    from tests.catalogue.conftest import project_data

    return projects.save(user, project_data())


def test_coordinators_add_a_new_version_of_a_consent_text(client, coordinator, participant):
    """Admin → Consent texts: a new wording gets the next number; old versions stay as they are."""
    client.force_login(coordinator)
    response = client.post("/admin/catalogue_consent_texts/new/", {
        "kind": "contact", "text_nl": "Nieuwe tekst.", "text_en": "New text."})
    assert response.status_code == 302
    newest = consent.current_text(consent.CONTACT)
    assert (newest.version, newest.text_nl) == (2, "Nieuwe tekst.")
    first = ConsentText.objects.get(kind="contact", version=1)
    edit = client.post(f"/admin/catalogue_consent_texts/edit/{first.pk}/", {
        "kind": "contact", "text_nl": "Veranderd.", "text_en": "Changed."})
    assert edit.status_code in (302, 403) and edit.get("Location", "") != \
        "/admin/catalogue_consent_texts/"
    first.refresh_from_db()
    assert first.text_nl != "Veranderd."
    client.force_login(participant)
    assert client.get("/admin/catalogue_consent_texts/").status_code in (302, 403)
