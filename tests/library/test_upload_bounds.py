"""Hostile uploads are checked and read within bounds of memory and time.

The hostile files are built here, small on disk: a zip member of zeros
inflates about 1000 times, a PDF page can be listed a thousand times.
"""

import functools
import io
import logging
import random
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from library.extraction import extract_text
from library.models import LibraryDocument
from library.uploads import validate_upload
from pages.demo_files import pdf_of_objects, simple_pdf, simple_pptx

MB = 1024 * 1024
# What checking or extracting one file may add to the web process, whatever the file.
PEAK_LIMIT = 20 * MB
ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"


def _write_zeros(archive, name, megabytes, prefix=b""):
    """A member that inflates to ``megabytes`` (zeros), written a megabyte at a time."""
    with archive.open(name, "w") as member:
        member.write(prefix)
        for _ in range(megabytes):
            member.write(bytes(MB))


@functools.cache
def zip_bomb(name):
    """A small office file with one member that inflates to 256 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        if name.endswith(".docx"):  # the reported file: the first entry is the bomb
            _write_zeros(archive, "mimetype", 256)
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<x/>")
        elif name.endswith(".odp"):
            _write_zeros(archive, "mimetype", 256, prefix=ODP_MIMETYPE)
            archive.writestr("content.xml", "<x/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            _write_zeros(archive, "ppt/slides/slide1.xml", 256)
    return buffer.getvalue()


@functools.cache
def many_members():
    """A .docx of 100,000 empty members (about 9 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(100_000):
            archive.writestr(f"word/{number}", b"")
    return buffer.getvalue()


def pptx_with_a_huge_slide():
    """A real deck whose first slide inflates to 256 MB (spaces inside the XML)."""
    source = zipfile.ZipFile(io.BytesIO(simple_pptx("Deck", [("Terugname", ["Tekst"])])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "ppt/slides/slide1.xml":
                head, tail = data.split(b"<p:cSld", 1)
                with archive.open(info.filename, "w") as member:
                    member.write(head)
                    for _ in range(256):
                        member.write(b" " * MB)
                    member.write(b"<p:cSld" + tail)
            else:
                archive.writestr(info, data)
    return buffer.getvalue()


def _flate_stream(data):
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)


def pdf_of_pages(content, pages=1):
    """A PDF whose ``pages`` pages all show the same (compressed) content stream."""
    kids = b" ".join([b"3 0 R"] * pages)
    return pdf_of_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _flate_stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


HOSTILE_PDFS = {
    "page tree cycle": lambda: pdf_of_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        _flate_stream(b"BT (hi) Tj ET"),
    ]),
    "deeply nested arrays": lambda: pdf_of_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /X "
        + b"[" * 200_000 + b"]" * 200_000 + b" >>",
        _flate_stream(b"BT (hi) Tj ET"),
    ]),
    "object stream that contains itself": lambda: pdf_of_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /ObjStm /N 1 /First 4 /Extends 3 0 R /Length 8 >>\nstream\n3 0 3 0 R\n"
        b"endstream",
    ]),
}


def run_measured(function, *args):
    """(result or raised ValidationError, peak bytes Python allocated meanwhile)."""
    tracemalloc.start()
    try:
        try:
            outcome = function(*args)
        except ValidationError as error:
            outcome = error
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def tight_extraction(settings):
    """Small limits for the extraction child, so hostile files are stopped quickly."""
    settings.LIBRARY_EXTRACTION_MEMORY_MB = 256
    settings.LIBRARY_EXTRACTION_SECONDS = 2


# --- What is uploaded: the zip checks -----------------------------------------------------

@pytest.mark.parametrize("name", ["report.docx", "slides.pptx", "slides.odp"])
def test_office_file_that_inflates_far_beyond_its_size_is_refused_without_inflating_it(
    name, upload
):
    """A zip bomb (a 256 MB member in a file of ~250 KB) is refused, in bounded memory."""
    file = upload(name, zip_bomb(name))
    with translation.override("en"):
        outcome, peak = run_measured(validate_upload, file)
    assert isinstance(outcome, ValidationError)
    assert "unpacks to far more" in outcome.messages[0]
    assert peak < PEAK_LIMIT


def test_office_file_with_too_many_members_is_refused(upload):
    """A zip of 100,000 members is refused before its directory is read."""
    file = upload("report.docx", many_members())
    with translation.override("en"):
        outcome, peak = run_measured(validate_upload, file)
    assert isinstance(outcome, ValidationError)
    assert "unpacks to far more" in outcome.messages[0]
    assert peak < PEAK_LIMIT


def test_refusal_of_a_zip_bomb_is_explained_in_dutch(upload):
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        validate_upload(upload("report.docx", zip_bomb("report.docx")))
    assert "pakt uit tot veel meer" in error.value.messages[0]


def test_large_members_with_an_ordinary_compression_ratio_are_accepted(upload):
    """Real decks hold big pictures and long XML: those stay welcome."""
    picture = random.Random(1).randbytes(8 * MB)  # like a photo: compresses hardly at all
    text = b"".join(b"<a:t>Dia %d over terugname</a:t>" % n for n in range(200_000))
    buffer = io.BytesIO(simple_pptx("Deck", [("Terugname", ["Tekst"])]))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/media/image9.png", picture)
        archive.writestr("ppt/slides/slide99.xml", text)
    validate_upload(upload("slides.pptx", buffer.getvalue()))


# --- Text extraction: outside the web process, within limits -------------------------------

def test_text_extraction_of_a_pdf_bomb_does_not_grow_the_web_process(tight_extraction, caplog):
    """A content stream of 70 MB of operators (~70 KB compressed) is read by a limited child."""
    bomb = pdf_of_pages(b"BT /F1 1 Tf " + b"(x) Tj " * 10_000_000 + b"ET")
    with caplog.at_level(logging.WARNING, logger="library.extraction"):
        text, peak = run_measured(extract_text, io.BytesIO(bomb), "pdf")
    assert text == ""
    assert peak < PEAK_LIMIT
    assert "limit" in caplog.text


def test_text_extraction_of_a_pptx_bomb_does_not_grow_the_web_process(tight_extraction):
    text, peak = run_measured(extract_text, io.BytesIO(pptx_with_a_huge_slide()), "pptx")
    assert text == ""
    assert peak < PEAK_LIMIT


def test_text_extraction_that_would_take_hours_is_stopped(tight_extraction, caplog):
    """A thousand pages that each show the same 20,000 operators: stopped at the time limit."""
    slow = pdf_of_pages(b"BT /F1 1 Tf " + b"(x) Tj " * 20_000 + b"ET", pages=1000)
    with caplog.at_level(logging.WARNING, logger="library.extraction"):
        text = extract_text(io.BytesIO(slow), "pdf")
    assert text == ""
    assert "time limit" in caplog.text


@pytest.mark.parametrize("kind", sorted(HOSTILE_PDFS))
def test_malformed_pdfs_give_no_text_and_no_error(kind, tight_extraction):
    text, peak = run_measured(extract_text, io.BytesIO(HOSTILE_PDFS[kind]()), "pdf")
    assert text == ""
    assert peak < PEAK_LIMIT


@pytest.mark.parametrize("extension,content", [
    ("pdf", lambda: simple_pdf("Terugnamecontracten", ["Een dia over terugname"])),
    ("pptx", lambda: simple_pptx("Deck", [("Terugname", ["Contractuele terugname"])])),
])
def test_text_of_real_files_is_still_extracted_within_the_limits(extension, content,
                                                                 tight_extraction):
    assert "terugname" in extract_text(io.BytesIO(content()), extension).lower()


# --- The admin's upload paths go through the checks --------------------------------------

@pytest.mark.django_db
def test_admin_upload_of_a_zip_bomb_is_refused(client, editor, upload, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = client.post(reverse("wagtaildocs:add"), {
        "title": "Slides", "file": upload("report.docx", zip_bomb("report.docx")),
        "collection": Collection.get_first_root_node().pk, "language": "nl",
    })
    assert response.status_code == 200
    assert "pakt uit tot veel meer" in response.content.decode()
    assert not LibraryDocument.objects.filter(title="Slides").exists()
    assert not any(tmp_path.rglob("*.docx"))


@pytest.mark.django_db
def test_admin_multiple_upload_of_a_zip_bomb_is_refused(client, editor, upload, settings,
                                                        tmp_path):
    """The drag-and-drop upload refuses it too, and keeps no copy to finish later."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = client.post(reverse("wagtaildocs:add_multiple"), {
        "files[]": upload("report.docx", zip_bomb("report.docx")),
        "collection": Collection.get_first_root_node().pk,
    })
    assert response.json()["success"] is False
    assert "pakt uit tot veel meer" in response.json()["error_message"]
    assert not LibraryDocument.objects.filter(title="report.docx").exists()
    assert not any(tmp_path.rglob("*.docx"))


# --- Images ----------------------------------------------------------------------------------

def _png(width, height):
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Wagtail answers it
def test_admin_upload_of_an_image_with_too_many_pixels_is_refused(client, editor, upload,
                                                                  settings, tmp_path):
    """60 million pixels (a small PNG, 240 MB once decoded for a rendition) is refused."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = client.post(reverse("wagtailimages:add"), {
        "title": "Groot", "file": upload("groot.png", _png(7746, 7746)),
        "collection": Collection.get_first_root_node().pk,
    })
    assert response.status_code == 200
    assert "teveel pixels" in response.content.decode()
    assert not get_image_model().objects.filter(title="Groot").exists()


def test_pillow_refuses_to_decode_images_far_over_the_limit(settings):
    """Any image the site decodes (renditions of older files too) is bounded by Pillow's guard."""
    pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS * 2 + 1
    width = int(pixels ** 0.5) + 1
    with pytest.raises(PILImage.DecompressionBombError):
        PILImage.open(io.BytesIO(_png(width, width)))
