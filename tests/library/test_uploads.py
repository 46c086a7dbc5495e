"""Only slides, documents and videos can be uploaded, and their text is extracted."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from library.models import LibraryDocument
from library.uploads import ALLOWED_EXTENSIONS, validate_upload
from pages.demo_files import simple_pdf, simple_pptx


def ooxml(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<x/>")
    return buffer.getvalue()


def odp():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


GOOD_FILES = {
    "slides.pdf": lambda: simple_pdf("Terugnamecontracten", ["Een dia over terugname"]),
    "slides.pptx": lambda: simple_pptx("Deck", [("Terugname", ["Contractuele terugname"])]),
    "report.docx": lambda: ooxml("word/"),
    "figures.xlsx": lambda: ooxml("xl/"),
    "slides.odp": odp,
    "clip.mp4": lambda: b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64,
    "clip.webm": lambda: b"\x1a\x45\xdf\xa3" + b"\x00" * 64,
}


def test_wagtail_knows_the_same_extensions():
    assert settings.WAGTAILDOCS_EXTENSIONS == ALLOWED_EXTENSIONS


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_real_files_are_accepted(name, upload):
    validate_upload(upload(name, GOOD_FILES[name]()))


@pytest.mark.parametrize("name,content,message", [
    ("virus.exe", b"MZ\x90\x00", "cannot be uploaded"),
    ("notes.txt", b"hello", "cannot be uploaded"),
    ("noextension", b"%PDF-1.4", "cannot be uploaded"),
    ("fake.pdf", b"just text, renamed", "not a real PDF"),
    ("fake.pptx", b"PK\x03\x04 but not a zip", "not a real PPTX"),
    ("word.pptx", GOOD_FILES["report.docx"](), "not a real PPTX"),
    ("fake.mp4", b"not a video at all", "not a real MP4"),
])
def test_other_files_are_refused_with_a_clear_message(name, content, message, upload):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_upload(upload(name, content))
    assert message in error.value.messages[0]


def test_files_over_the_limit_are_refused(upload, settings):
    settings.LIBRARY_MAX_UPLOAD_MB = 1
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_upload(upload("big.pdf", big))
    assert "limit for this type is 1.0" in error.value.messages[0]


def _admin_upload(client, name, content, upload, **fields):
    from wagtail.models import Collection

    data = {"title": "Slides", "file": upload(name, content),
            "collection": Collection.get_first_root_node().pk, "language": "nl", **fields}
    return client.post(reverse("wagtaildocs:add"), data)


@pytest.mark.django_db
def test_admin_upload_of_an_unsupported_file_leaves_nothing_behind(
    client, editor, upload, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = _admin_upload(client, "tender.doc", b"\xd0\xcf\x11\xe0 old word", upload)
    assert response.status_code == 200
    assert "kunnen niet opgeladen worden" in response.content.decode()  # the admin is in Dutch
    assert not LibraryDocument.objects.filter(title="Slides").exists()
    assert not any(tmp_path.rglob("*.doc"))


@pytest.mark.django_db
def test_admin_upload_of_a_renamed_file_is_refused(client, editor, upload, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = _admin_upload(client, "slides.pdf", b"<html>not a pdf</html>", upload)
    assert "geen echt PDF-bestand" in response.content.decode()
    assert not LibraryDocument.objects.filter(title="Slides").exists()
    assert not any(tmp_path.rglob("*.pdf"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["slides.pdf", "slides.pptx"])
def test_text_of_slides_is_extracted_on_upload(name, client, editor, upload, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = _admin_upload(client, name, GOOD_FILES[name](), upload)
    assert response.status_code == 302
    document = LibraryDocument.objects.get(title="Slides")
    assert "terugname" in document.extracted_text.lower()
    assert document.file_size > 0


@pytest.mark.django_db
def test_extraction_of_a_damaged_file_does_not_block_it(client, editor, upload, settings,
                                                         tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = _admin_upload(client, "broken.pdf", b"%PDF-1.4 truncated", upload)
    assert response.status_code == 302
    assert LibraryDocument.objects.get(title="Slides").extracted_text == ""
