"""Projects through the site: the form, co-owners, the relay form, filters, export, files."""

import csv
import io

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import caching
from catalogue import consent
from catalogue.models import Project
from topics.models import Topic


def form_data(**changes):
    """What a participant types in the project form."""
    data = {
        "title": "Circulaire printers", "language": "nl", "organisation": "Stad Brugge",
        "organisation_type": "public_buyer",
        "product_group": Topic.objects.get(locale__language_code="nl", slug="ict").pk,
        "strategies": ["A2", "C5"], "phase": "contract", "year": "2019",
        "contract_text": "Printen per pagina, met onderhoud.",
        "description": "We betalen per afgedrukte pagina.", "lessons": "",
        "contact_name": "Bea Brugge", "contact_email": "bea@brugge.example",
        "contact_phone": "", "co_owners": "", "document_title": "",
        "consent_listing": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_participant_creates_a_project_in_the_form(client, participant, url):
    client.force_login(participant)
    response = client.post(url("new"), form_data())
    project = Project.objects.get(title="Circulaire printers")
    assert response.status_code == 302 and response["Location"] == url("project", pk=project.pk)
    assert list(project.owners.all()) == [participant]
    assert project.strategies == ["A2", "C5"]
    assert consent.state(project) == {"listing": True, "contact": False}
    page = client.get(url("project", pk=project.pk)).content.decode()
    assert "ambition-map__cell--chosen" in page and "Printen per pagina" in page


def test_only_the_required_fields_are_needed(client, participant, url):
    client.force_login(participant)
    response = client.post(url("new"), form_data(product_group="", strategies=[],
                                                  contract_text="", consent_listing=""))
    assert response.status_code == 302
    project = Project.objects.get(title="Circulaire printers")
    assert project.product_group is None and project.strategies == []
    assert consent.state(project) == {"listing": False, "contact": False}


def test_the_form_starts_with_the_members_own_details(client, participant, url):
    participant.organisation = "Gemeente Mol"
    participant.save()
    client.force_login(participant)
    page = client.get(url("new")).content.decode()
    assert 'value="Gemeente Mol"' in page and f'value="{participant.email}"' in page


def test_hostile_input_gets_a_clear_error_and_keeps_what_was_typed(client, participant, url):
    client.force_login(participant)
    typed = form_data(title="x" * 500, year="3000", contact_email="not-an-address",
                      strategies=["Z9"], description="<script>alert(1)</script> mijn tekst",
                      co_owners="nobody@nowhere.example")
    response = client.post(url("new"), typed)
    page = response.content.decode()
    assert response.status_code == 200 and not Project.objects.filter(
        organisation="Stad Brugge").exists()
    with translation.override("nl"):
        assert translation.gettext("Please correct the marked fields.") in page
        assert translation.gettext("Give a year up to %(limit)s.") % {
            "limit": timezone.now().year + 1} in page
    assert "x" * 500 in page  # the title is kept
    assert "&lt;script&gt;alert(1)&lt;/script&gt; mijn tekst" in page
    assert "<script>alert(1)" not in page
    assert "nobody@nowhere.example" in page


def test_markdown_is_sanitised_when_saved(client, participant, url):
    client.force_login(participant)
    client.post(url("new"), form_data(description="**Vet** <img src=x onerror=alert(1)> "
                                                  "[link](javascript:alert(1))"))
    project = Project.objects.get(title="Circulaire printers")
    assert "<strong>Vet</strong>" in project.description_html
    assert "<img" not in project.description_html
    assert "javascript:" not in project.description_html


def test_co_owners_edit_and_others_are_refused(client, make_member, url):
    owner, colleague, stranger = make_member(), make_member(), make_member()
    client.force_login(owner)
    client.post(url("new"), form_data(co_owners=colleague.email.upper()))
    project = Project.objects.get(title="Circulaire printers")
    client.force_login(colleague)
    client.post(url("accept_invitation", pk=project.pk))
    assert set(project.owners.all()) == {owner, colleague}
    response = client.post(url("edit", pk=project.pk),
                           form_data(title="Circulaire printers v2", co_owners=owner.email))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Circulaire printers v2"
    assert set(project.owners.all()) == {owner, colleague}
    client.force_login(stranger)
    assert client.get(url("edit", pk=project.pk)).status_code == 403
    assert client.post(url("delete", pk=project.pk)).status_code == 403
    assert client.post(url("consent", pk=project.pk), {}).status_code == 403


def test_an_unlisted_project_is_not_found_by_others(client, make_member, make_project, url):
    owner, other = make_member(), make_member()
    project = make_project(owner, listed=False)
    client.force_login(other)
    assert client.get(url("project", pk=project.pk)).status_code == 404
    assert client.get(url("contact", pk=project.pk)).status_code == 404
    assert project.title not in client.get(url()).content.decode()


def test_the_relay_form_sends_the_message_without_revealing_the_address(
        client, make_member, make_project, url, sent):
    owner, other = make_member(), make_member(first_name="Vera")
    project = make_project(owner, listed=True, contact=False)
    client.force_login(other)
    form_page = client.get(url("contact", pk=project.pk)).content.decode()
    assert "karel@leuven.example" not in form_page
    with sent():
        response = client.post(url("contact", pk=project.pk), {
            "subject": "Jullie koffiemachines", "message": "Mogen we jullie bestek lezen?"})
    assert response.status_code == 302
    assert "karel@leuven.example" not in client.get(response["Location"]).content.decode()
    [message] = mail.outbox
    assert message.to == ["karel@leuven.example"]
    assert message.reply_to == [other.email]
    assert "Mogen we jullie bestek lezen?" in message.body and "Vera" in message.body


def test_the_relay_form_is_rate_limited(client, make_member, make_project, url, sent,
                                        settings):
    settings.CATALOGUE_CONTACT_MESSAGES_PER_DAY = 2
    owner, other = make_member(), make_member()
    project = make_project(owner, listed=True)
    client.force_login(other)
    message = {"subject": "Vraag", "message": "Een vraag over jullie project."}
    with sent():
        for _attempt in range(3):
            response = client.post(url("contact", pk=project.pk), message)
    assert len(mail.outbox) == 2
    assert response.status_code == 200
    assert "Een vraag over jullie project." in response.content.decode()  # kept


def test_filters_narrow_the_list_and_show_counts(client, participant, make_project, url):
    client.force_login(participant)
    make_project(participant, title="Project één", strategies=["A1"], phase="baseline",
                 year=2017)
    make_project(participant, title="Project twee", strategies=["A1", "E6"], phase="impact",
                 year=2017)
    page = client.get(url() + "?strategy=E6").content.decode()
    assert "Project twee" in page and "Project één" not in page
    listed_with_a1 = consent.listed_projects().filter(strategy_codes__contains=",A1,").count()
    page = client.get(url() + "?strategy=A1").content.decode()
    assert f"{listed_with_a1} projecten" in page or f"{listed_with_a1} projects" in page
    page = client.get(url() + "?strategy=E6&phase=impact&year=2017").content.decode()
    assert "Project twee" in page
    assert "Gerealiseerde impact <span class=\"facet__count\">(1)</span>" in page or \
        "Realised impact <span class=\"facet__count\">(1)</span>" in page
    empty = client.get(url() + "?phase=impact&strategy=A1&year=1999").content.decode()
    assert "Project twee" not in empty


def test_the_catalogue_page_needs_no_more_queries_for_more_projects(
        client, participant, make_project, url):
    client.force_login(participant)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url()).status_code == 200
        return len(queries)

    for n in range(2):
        make_project(participant, title=f"Eerste {n}", themes=list(
            Topic.objects.filter(locale__language_code="nl", kind="theme")[:2]))
    def computed():
        # The listing itself is cached for everyone; count the queries that
        # compute it, as after any change to the projects.
        caching.invalidate("catalogue")
        return count()

    count()  # the first request fills the page chrome's cache
    few = computed()
    for n in range(15):
        make_project(participant, title=f"Later {n}", themes=list(
            Topic.objects.filter(locale__language_code="nl", kind="theme")[:2]))
    assert computed() == few
    assert count() < few  # and served from the cache, fewer still


def test_the_export_holds_only_consented_projects_and_contact_details(
        client, make_member, coordinator, make_project, url):
    owner = make_member()
    make_project(owner, listed=True, contact=True, title="=Met contact")
    make_project(owner, listed=True, contact=False, title="Zonder contact",
                 contact_email="hidden@leuven.example")
    make_project(owner, listed=False, title="Niet gedeeld")
    client.force_login(coordinator)
    response = client.get(url("export"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_title = {row["title"]: row for row in rows}
    assert "Niet gedeeld" not in by_title
    assert set(by_title) == set(consent.listed_projects().values_list("title", flat=True)) - {
        "=Met contact"} | {"'=Met contact"}
    assert by_title["'=Met contact"]["contact_email"] == "karel@leuven.example"
    assert by_title["Zonder contact"]["contact_email"] == ""
    assert "hidden@leuven.example" not in response.content.decode()
    client.force_login(owner)
    assert client.get(url("export")).status_code == 403
    assert client.get(url("coordination")).status_code == 403


def test_documents_are_served_only_to_who_may_see_the_project(
        client, make_member, make_project, url, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner, other = make_member(), make_member()
    client.force_login(owner)
    pdf = SimpleUploadedFile("bestek.pdf", b"%PDF-1.4 a tender", content_type="application/pdf")
    client.post(url("new"), form_data(document=pdf, consent_listing=""))
    project = Project.objects.get(title="Circulaire printers")
    document = project.documents.get()
    download = url("document", pk=project.pk, document_pk=document.pk)
    assert b"".join(client.get(download).streaming_content) == b"%PDF-1.4 a tender"
    client.force_login(other)
    assert client.get(download).status_code == 404
    assert client.get(f"/media/{document.file.name}").status_code == 404
    consent.grant(owner, project, consent.LISTING)
    assert client.get(download).status_code == 200


def test_a_renamed_file_is_refused_with_a_clear_message(client, participant, url):
    client.force_login(participant)
    fake = SimpleUploadedFile("bestek.pdf", b"MZ not a pdf")
    response = client.post(url("new"), form_data(document=fake))
    assert response.status_code == 200 and not Project.objects.filter(
        title="Circulaire printers").exists()
    assert "PDF" in response.content.decode()


def test_owners_delete_their_project(client, participant, make_project, url):
    project = make_project(participant)
    client.force_login(participant)
    assert client.post(url("delete", pk=project.pk)).status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()
