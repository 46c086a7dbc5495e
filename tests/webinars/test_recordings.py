"""After the event the page becomes a recording with chapters, transcript and slides."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from library.models import LibraryDocument
from webinars.models import WebinarPage, parse_timestamp

pytestmark = pytest.mark.django_db

CHAPTERS = [{"type": "chapter", "id": str(uuid.uuid4()), "value": {"time": t, "title": title}}
            for t, title in [("0:00", "Welkom"), ("1:30", "Garanties"), ("1:02:03", "Vragen")]]


@pytest.mark.parametrize("text,seconds", [("0:00", 0), ("1:30", 90), ("12:30", 750),
                                          ("1:02:03", 3723), ("90", None), ("1:75", None),
                                          ("", None)])
def test_timestamps(text, seconds):
    assert parse_timestamp(text) == seconds


def test_recording_with_chapters_from_an_external_video(member_client, make_webinar):
    webinar, _ = make_webinar(starts_in=-timedelta(days=3),
                              recording_url="https://vimeo.com/76979871")
    webinar.chapters = CHAPTERS
    webinar.transcript = "Welkom iedereen.\n\nWe beginnen."
    webinar.save_revision().publish()
    html = member_client.get(webinar.url).content.decode()
    assert 'id="recording"' in html
    assert 'href="https://vimeo.com/76979871#t=90s" data-seek="90"' in html
    embed = "https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1#t=90s"
    assert f'data-seek-embed="{embed}"' in html
    assert "<iframe" not in html
    assert "We beginnen." in html


def test_recording_from_an_uploaded_video(member_client, make_webinar, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    video = LibraryDocument(title="Opname")
    video.file.save("opname.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 2048),
                    save=False)
    video.save()
    webinar, _ = make_webinar(starts_in=-timedelta(days=3), recording_file=video)
    webinar.chapters = CHAPTERS
    webinar.save_revision().publish()
    html = member_client.get(webinar.url).content.decode()
    assert f'<video class="video__player" controls preload="metadata" src="{video.url}">' in html
    assert f'href="{video.url}#t=3723" data-seek="3723"' in html
    partial = member_client.get(video.url, HTTP_RANGE="bytes=0-99")
    assert partial.status_code == 206
    assert len(b"".join(partial.streaming_content)) == 100


def test_anonymous_range_request_gets_no_bytes(client, settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    video = LibraryDocument(title="Opname")
    video.file.save("opname.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 2048),
                    save=False)
    video.save()
    response = client.get(video.url, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 302
    assert b"ftyp" not in response.content


def test_slides_of_a_recording(member_client, make_webinar, demo):
    webinar, _ = make_webinar(starts_in=-timedelta(days=3))
    deck = LibraryDocument.objects.get(title="Laptops met een langer leven")
    webinar.slides.set([deck])
    webinar.save_revision().publish()
    html = member_client.get(webinar.url).content.decode()
    assert deck.url in html


def test_webinar_validation():
    now = timezone.now()
    page = WebinarPage(title="X", slug="x", summary="x", starts_at=now, ends_at=now,
                       recording_url="https://example.org/video")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert {"ends_at", "recording_url"} <= set(error.value.message_dict)


def test_index_lists_upcoming_first_then_recordings(member_client, make_webinar):
    later, _ = make_webinar(starts_in=timedelta(days=20))
    sooner, _ = make_webinar(starts_in=timedelta(days=2))
    past, _ = make_webinar(starts_in=-timedelta(days=10))
    html = member_client.get(past.get_parent().url).content.decode()
    upcoming, recordings = html.split('id="recordings-heading"')
    assert upcoming.index(sooner.title) < upcoming.index(later.title)
    assert past.title in recordings and past.title not in upcoming


def test_a_private_uploaded_recording_is_shown_only_to_its_group(client, make_member,
                                                                 make_webinar, settings,
                                                                 tmp_path):
    """The video, its chapters' links and the recording section follow the collection."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction

    settings.MEDIA_ROOT = tmp_path
    board = Group.objects.create(name="Board")
    closed = Collection.get_first_root_node().add_child(name="Board only")
    CollectionViewRestriction.objects.create(
        collection=closed, restriction_type=CollectionViewRestriction.GROUPS).groups.add(board)
    video = LibraryDocument(title="Opname", collection=closed)
    video.file.save("opname.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 2048),
                    save=False)
    video.save()
    webinar, _ = make_webinar(starts_in=-timedelta(days=3), recording_file=video)
    webinar.chapters = CHAPTERS
    webinar.save_revision().publish()
    outsider, insider = make_member(), make_member()
    insider.groups.add(board)
    for member, shown in ((insider, True), (outsider, False)):
        client.force_login(member)
        html = client.get(webinar.url).content.decode()
        assert (video.url in html) is shown
        assert ('id="recording"' in html) is shown
