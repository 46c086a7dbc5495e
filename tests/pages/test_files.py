"""Uploaded files reach members only, whole or in part (video seeking)."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model

pytestmark = pytest.mark.django_db

CONTENT = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def video(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Document = get_document_model()
    document = Document(title="Webinar")
    document.file.save("webinar.mp4", ContentFile(CONTENT), save=False)
    document.save()
    return document


@pytest.fixture
def image_file(settings, tmp_path):
    """A rendition's file, with known content (the media view serves only files
    an image or rendition claims: visibility.user_can_fetch_media)."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = tmp_path
    image = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    rendition = image.get_rendition("width-800")
    (tmp_path / rendition.file.name).write_bytes(CONTENT)
    return rendition.url


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_document_is_served_whole_to_members(member_client, video):
    response = member_client.get(video.url)
    assert response.status_code == 200
    assert _body(response) == CONTENT
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"].startswith("inline")


def test_document_range_request_gets_partial_content(member_client, video):
    response = member_client.get(video.url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(CONTENT)}"
    assert response["Content-Length"] == "100"
    assert _body(response) == CONTENT[100:200]


def test_open_ended_and_suffix_ranges(member_client, video):
    tail = member_client.get(video.url, HTTP_RANGE="bytes=10000-")
    assert _body(tail) == CONTENT[10000:]
    last = member_client.get(video.url, HTTP_RANGE="bytes=-40")
    assert _body(last) == CONTENT[-40:]


def test_unsatisfiable_range_is_416(member_client, video):
    response = member_client.get(video.url, HTTP_RANGE="bytes=999999-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(CONTENT)}"


def test_documents_need_login(client, video):
    response = client.get(video.url)
    assert response.status_code == 302 and "next=" in response["Location"]
    response = client.get(video.url, HTTP_RANGE="bytes=0-10")
    assert response.status_code == 302


def test_documents_are_not_reachable_under_media(member_client, video):
    assert member_client.get(f"/media/{video.file.name}").status_code == 404


def test_images_are_served_to_members_with_ranges(member_client, image_file):
    whole = member_client.get(image_file)
    assert whole.status_code == 200 and _body(whole) == CONTENT
    assert "private" in whole["Cache-Control"]
    part = member_client.get(image_file, HTTP_RANGE="bytes=0-9")
    assert part.status_code == 206 and _body(part) == CONTENT[:10]


def test_images_need_login(client, image_file):
    response = client.get(image_file)
    assert response.status_code == 302


def test_media_paths_cannot_escape_the_media_folder(member_client, image_file):
    for path in ["/media/../settings.py", "/media/images/../../etc/passwd",
                 "/media/%2e%2e/%2e%2e/etc/passwd"]:
        assert member_client.get(path).status_code == 404, path


def test_x_accel_redirect_hands_the_file_to_nginx_after_the_check(member_client, video,
                                                                  image_file, settings):
    """MEDIA_X_ACCEL_REDIRECT: no bytes from Django, a header naming the file under
    nginx's internal location (an alias of MEDIA_ROOT), for those who pass the check only."""
    settings.MEDIA_X_ACCEL_REDIRECT = True
    response = member_client.get(video.url, HTTP_RANGE="bytes=0-9")  # nginx answers the range
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{video.file.name}"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"].startswith("inline")
    assert "private" in response["Cache-Control"]
    image = member_client.get(image_file)
    assert image["X-Accel-Redirect"] == "/protected-media/" + image_file.removeprefix("/media/")

    visitor = Client()
    for url in (video.url, image_file):
        refused = visitor.get(url)
        assert refused.status_code == 302 and "X-Accel-Redirect" not in refused
    assert "X-Accel-Redirect" not in member_client.get(f"/media/{video.file.name}")
