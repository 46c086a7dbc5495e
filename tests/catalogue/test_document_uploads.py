"""A project's document goes through the same upload checks as the library's."""

from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.models import Project
from tests.library.test_upload_bounds import zip_bomb
from topics.models import Topic


def test_a_zip_bomb_as_project_document_is_refused_and_the_form_kept(client, participant, url):
    """A participant's .docx that inflates to 256 MB is refused; what they typed stays."""
    client.force_login(participant)
    response = client.post(url("new"), {
        "title": "Circulaire printers", "language": "nl", "organisation": "Stad Brugge",
        "organisation_type": "public_buyer",
        "product_group": Topic.objects.get(locale__language_code="nl", slug="ict").pk,
        "phase": "contract", "year": "2019", "description": "We betalen per pagina.",
        "contact_name": "Bea Brugge", "contact_email": "bea@brugge.example",
        "document": SimpleUploadedFile("bestek.docx", zip_bomb("report.docx")),
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "pakt uit tot veel meer" in page
    assert "We betalen per pagina." in page
    assert not Project.objects.filter(title="Circulaire printers").exists()
