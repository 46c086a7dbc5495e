"""Uploads on S3-compatible object storage (MEDIA_STORAGE=s3), against a real S3
server: moto's, on 127.0.0.1 in this process.

Files land in the bucket, not on the disk; they are read back only through the
site's own URLs, after the same checks as on disk, whole or in part; a Range
request asks the bucket for that part only; pages never name the bucket.
"""

import logging
import re
import uuid
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from leerkring.settings.base import media_storage
from pages.demo_files import demo_document, simple_pdf
from tests.leerkring.test_settings import STRONG_KEY, _run_manage

pytestmark = pytest.mark.django_db

VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40  # a real MP4 header, 10,252 bytes
PREFIX = "leerkring/media"  # S3_PREFIX: every key starts with it
PACKAGE = "/nl/leren/circulair-aankopen-de-basis/"
DEMO_IMAGE_STEM = "kringlopen-sluiten"  # the demo's cover picture of that package


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on a free port of 127.0.0.1, for the whole run."""
    from moto.server import ThreadedMotoServer

    log = logging.getLogger("werkzeug")  # moto's server logs every request
    level = log.level
    log.setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
    log.setLevel(level)


@dataclass
class Bucket:
    client: object
    name: str
    endpoint: str

    def keys(self):
        listing = self.client.list_objects_v2(Bucket=self.name)
        return {entry["Key"] for entry in listing.get("Contents", [])}

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture
def bucket(s3_server, settings, tmp_path):
    """A new empty bucket, made the uploads' storage as MEDIA_STORAGE=s3 would;
    MEDIA_ROOT is an empty folder, to show that nothing lands on the disk."""
    import boto3

    name = f"leerkring-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="eu-west-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
    client.create_bucket(Bucket=name,
                         CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(
        "s3", bucket=name, endpoint_url=s3_server, region="eu-west-1", access_key_id="test",
        secret_access_key="test", prefix=PREFIX)}
    yield Bucket(client, name, s3_server)
    for key in Bucket(client, name, s3_server).keys():
        client.delete_object(Bucket=name, Key=key)
    client.delete_bucket(Bucket=name)


@pytest.fixture
def get_object_calls(bucket):
    """The Range of every GetObject request the uploads' storage sends (None: whole)."""
    calls = []
    events = default_storage.connection.meta.client.meta.events

    def record(params, **kwargs):
        calls.append(params.get("Range"))

    events.register("before-parameter-build.s3.GetObject", record)
    yield calls
    events.unregister("before-parameter-build.s3.GetObject", record)


def _document(name, content, collection=None, title="Webinar"):
    Document = get_document_model()
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _admin_upload(client, name, content, title):
    return client.post(reverse("wagtaildocs:add"), {
        "title": title, "file": SimpleUploadedFile(name, content),
        "collection": Collection.get_first_root_node().pk, "language": "nl"})


def test_an_editor_uploads_a_document_into_the_bucket_and_a_member_downloads_it(
        client, editor, participant, bucket, tmp_path):
    client.force_login(editor)
    assert _admin_upload(client, "webinar.mp4", VIDEO, "Webinar").status_code == 302
    document = get_document_model().objects.get(title="Webinar")
    key = f"{PREFIX}/{document.file.name}"
    assert key in bucket.keys() and bucket.read(key) == VIDEO
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]  # nothing on disk
    assert document.file_size == len(VIDEO)

    client.force_login(participant)
    response = client.get(document.url)
    assert response.status_code == 200
    assert _body(response) == VIDEO
    assert response["Content-Length"] == str(len(VIDEO))
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Last-Modified" in response


def test_the_same_file_name_twice_keeps_both_files(client, editor, bucket):
    """S3Storage overwrites by default: a second "slides.pdf" would replace the
    first, whatever the collection either was put in."""
    client.force_login(editor)
    first, second = simple_pdf("Eerste", ["een"]), simple_pdf("Tweede", ["twee"])
    _admin_upload(client, "slides.pdf", first, "First")
    _admin_upload(client, "slides.pdf", second, "Second")
    Document = get_document_model()
    names = {Document.objects.get(title=t).file.name for t in ("First", "Second")}
    assert len(names) == 2
    assert {bucket.read(f"{PREFIX}/{n}") for n in names} == {first, second}


def test_a_visitor_gets_the_login_page_not_the_bytes(client, bucket, get_object_calls):
    document = _document("webinar.mp4", VIDEO)
    get_object_calls.clear()  # the hash and size were read on saving
    response = client.get(document.url)
    assert response.status_code == 302 and "next=" in response["Location"]
    assert client.get(document.url, HTTP_RANGE="bytes=0-10").status_code == 302
    assert get_object_calls == []  # the bucket was not even asked


def test_a_private_collections_document_reaches_its_group_only(
        client, bucket, private_collection, board_members):
    outsider, insider = board_members
    document = _document("board.mp4", VIDEO, private_collection)
    client.force_login(outsider)
    response = client.get(document.url)
    assert response.status_code == 403 and VIDEO not in _body(response)
    client.force_login(insider)
    assert _body(client.get(document.url)) == VIDEO


def test_a_range_asks_the_bucket_for_that_part_only(member_client, bucket, get_object_calls):
    document = _document("webinar.mp4", VIDEO)
    get_object_calls.clear()
    response = member_client.get(document.url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(VIDEO)}"
    assert response["Content-Length"] == "100"
    assert _body(response) == VIDEO[100:200]
    assert get_object_calls == ["bytes=100-199"]

    tail = member_client.get(document.url, HTTP_RANGE="bytes=10000-")
    assert _body(tail) == VIDEO[10000:]
    last = member_client.get(document.url, HTTP_RANGE="bytes=-40")
    assert _body(last) == VIDEO[-40:]
    assert get_object_calls[1:] == [f"bytes=10000-{len(VIDEO) - 1}",
                                    f"bytes={len(VIDEO) - 40}-{len(VIDEO) - 1}"]


def test_an_unsatisfiable_range_is_416_without_reading(member_client, bucket, get_object_calls):
    document = _document("webinar.mp4", VIDEO)
    get_object_calls.clear()
    response = member_client.get(document.url, HTTP_RANGE="bytes=999999-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO)}"
    assert get_object_calls == []


def test_if_modified_since_and_if_range(member_client, bucket):
    document = _document("webinar.mp4", VIDEO)
    first = member_client.get(document.url)
    _body(first)
    assert member_client.get(
        document.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    # If-Range with the file's own ETag or date: the part; with another: the whole file.
    for validator in (first["ETag"], first["Last-Modified"]):
        part = member_client.get(document.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=validator)
        assert part.status_code == 206 and _body(part) == VIDEO[:10]
    changed = member_client.get(document.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"other"')
    assert changed.status_code == 200 and _body(changed) == VIDEO


def test_a_missing_object_is_404(member_client, bucket):
    document = _document("webinar.mp4", VIDEO)
    bucket.client.delete_object(Bucket=bucket.name, Key=f"{PREFIX}/{document.file.name}")
    assert member_client.get(document.url).status_code == 404


def test_a_private_image_and_its_rendition_come_from_the_bucket_after_the_check(
        client, bucket, private_collection, board_members):
    outsider, insider = board_members
    image = get_image_model().objects.create(title="Board photo", file=get_test_image_file(),
                                             collection=private_collection)
    rendition = image.get_rendition("width-100")
    files = {f"/media/{image.file.name}": f"{PREFIX}/{image.file.name}",
             rendition.url: f"{PREFIX}/{rendition.file.name}"}
    assert rendition.url.startswith("/media/images/")
    assert set(files.values()) <= bucket.keys()
    client.force_login(outsider)
    for url in files:
        assert client.get(url).status_code == 404, url
    client.force_login(insider)
    for url, key in files.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert _body(response) == bucket.read(key)
        assert "private" in response["Cache-Control"]
    part = client.get(rendition.url, HTTP_RANGE="bytes=0-7")
    assert part.status_code == 206 and _body(part) == bucket.read(files[rendition.url])[:8]


def test_media_names_cannot_leave_the_prefix(member_client, bucket):
    for path in ["/media/../settings.py", "/media/images/../../etc/passwd",
                 "/media/%2e%2e/%2e%2e/etc/passwd"]:
        assert member_client.get(path).status_code == 404, path


def test_pages_point_at_our_host_only(member_client, bucket, demo):
    """The package page shows its cover (a rendition) and the library lists a
    document: their addresses are ours, and the files come from the bucket."""
    image = get_image_model().objects.get(file__contains=DEMO_IMAGE_STEM)
    image.renditions.all().delete()  # made from the file on disk before the switch
    image.file = get_test_image_file(filename=f"{DEMO_IMAGE_STEM}.png")
    image._set_image_file_metadata()
    image.save()
    html = member_client.get(PACKAGE).content.decode()
    sources = re.findall(r'src="([^"]+)"', html)
    covers = [src for src in sources if DEMO_IMAGE_STEM in src]
    assert covers and all(src.startswith("/media/images/") for src in covers)
    assert bucket.endpoint.split("//")[1] not in html and bucket.name not in html
    cover = member_client.get(covers[0])
    assert cover.status_code == 200
    assert _body(cover) == bucket.read(f"{PREFIX}/{covers[0].removeprefix('/media/')}")

    from library.models import LibraryPage

    document = _document("terugname.pdf", simple_pdf("Terugname", ["Een dia"]), title="Terugname")
    library = LibraryPage.objects.get(locale__language_code="nl")
    html = member_client.get(library.url).content.decode()
    assert f'href="{document.url}"' in html and document.url.startswith("/documents/")
    assert bucket.endpoint.split("//")[1] not in html and bucket.name not in html
    assert default_storage.url(document.file.name) == f"/media/{document.file.name}"


def test_the_text_of_a_pdf_is_read_from_the_bucket(client, editor, bucket, get_object_calls):
    """Uploaded through the admin, and stored first then read back (as the demo does):
    both give the search text, and the second really read the object."""
    client.force_login(editor)
    pdf = simple_pdf("Terugnamecontracten", ["Een dia over terugname"])
    assert _admin_upload(client, "slides.pdf", pdf, "Slides").status_code == 302
    uploaded = get_document_model().objects.get(title="Slides")
    assert "terugname" in uploaded.extracted_text.lower()
    assert f"{PREFIX}/{uploaded.file.name}" in bucket.keys()

    stored = demo_document("Circulaire dia's", "circulair.pdf",
                           lines=["Kringloop en hergebruik van meubilair"])
    assert "hergebruik van meubilair" in stored.extracted_text.lower()
    assert get_object_calls  # read from the bucket, not from a copy in memory


def test_a_project_document_goes_to_the_bucket_and_to_who_may_see_the_project(
        client, make_member, bucket, demo):
    from catalogue import consent
    from catalogue.models import CatalogueIndexPage, Project
    from tests.catalogue.test_projects import form_data

    catalogue = CatalogueIndexPage.objects.get(locale__language_code="nl")
    owner, other = make_member(), make_member()
    client.force_login(owner)
    pdf = SimpleUploadedFile("bestek.pdf", b"%PDF-1.4 a tender", content_type="application/pdf")
    client.post(catalogue.url_for("new"), form_data(document=pdf, consent_listing=""))
    project = Project.objects.get(title="Circulaire printers")
    document = project.documents.get()
    assert bucket.read(f"{PREFIX}/{document.file.name}") == b"%PDF-1.4 a tender"
    download = catalogue.url_for("document", pk=project.pk, document_pk=document.pk)
    response = client.get(download)
    assert _body(response) == b"%PDF-1.4 a tender"
    assert response["Content-Disposition"] == 'attachment; filename="bestek.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(other)
    assert client.get(download).status_code == 404
    assert client.get(f"/media/{document.file.name}").status_code == 404
    consent.grant(owner, project, consent.LISTING)
    assert _body(client.get(download)) == b"%PDF-1.4 a tender"


def test_x_accel_redirect_is_for_files_on_disk_only(member_client, bucket, settings):
    settings.MEDIA_X_ACCEL_REDIRECT = True
    document = _document("webinar.mp4", VIDEO)
    response = member_client.get(document.url)
    assert "X-Accel-Redirect" not in response and _body(response) == VIDEO


def test_media_storage_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="filesystem or s3"):
        media_storage("nfs")


def test_the_environment_chooses_the_bucket(tmp_path):
    code = ("from django.core.files.storage import storages; s = storages['default']; "
            "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.location, s.default_acl, "
            "s.file_overwrite, s.url('documents/a b.pdf'))")
    result = _run_manage(
        "shell", "-c", code, DJANGO_SETTINGS_MODULE="leerkring.settings.production",
        SECRET_KEY=STRONG_KEY, DATA_DIR=str(tmp_path), MEDIA_STORAGE="s3",
        S3_BUCKET="leerkring-media", S3_ENDPOINT_URL="https://s3.example.net",
        S3_PREFIX="/site/media/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["PrivateS3Storage", "leerkring-media",
                                     "https://s3.example.net", "site/media", "private",
                                     "False", "/media/documents/a%20b.pdf"]


@pytest.mark.parametrize("env,message", [
    ({}, "needs S3_BUCKET"),
    ({"S3_BUCKET": "leerkring-media", "MEDIA_X_ACCEL_REDIRECT": "true"}, "files on disk only"),
])
def test_production_refuses_object_storage_half_configured(env, message, tmp_path):
    result = _run_manage("check", DJANGO_SETTINGS_MODULE="leerkring.settings.production",
                         SECRET_KEY=STRONG_KEY, DATA_DIR=str(tmp_path), MEDIA_STORAGE="s3",
                         **env)
    assert result.returncode != 0
    assert message in result.stderr
