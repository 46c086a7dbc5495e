"""Registering for a webinar, and jumping to a chapter of a recording."""

import uuid
from datetime import timedelta

from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from library.models import LibraryDocument
from webinars.models import Registration, WebinarPage


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


def test_register_for_an_upcoming_webinar(page, log_in_as, make_member):
    member = log_in_as(make_member(language="nl"))
    webinar = (WebinarPage.objects.live().filter(locale__language_code="nl",
                                                 ends_at__gt=timezone.now(), capacity__gt=10)
               .order_by("starts_at").first())
    page.goto(webinar.url)
    page.get_by_role("button", name=_("nl", "Register"), exact=True).click()
    page.get_by_text(_("nl", "You are registered.")).wait_for()
    assert Registration.objects.filter(user=member, status="registered").exists()
    assert mail.outbox[-1].to == [member.email]
    assert mail.outbox[-1].attachments[0][0].endswith(".ics")
    with page.expect_download() as download:
        page.get_by_role("link", name=_("nl", "Add to my calendar (.ics)")).click()
    assert download.value.suggested_filename.endswith(".ics")


def test_chapters_jump_in_an_uploaded_recording(page, log_in_as, make_member, settings,
                                                tmp_path):
    log_in_as(make_member(language="en"))
    video = LibraryDocument(title="Recording")
    video.file.save("recording.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4096),
                    save=False)
    video.save()
    webinar = (WebinarPage.objects.live().filter(locale__language_code="en",
                                                 ends_at__lt=timezone.now())
               .order_by("-starts_at").first())
    webinar.recording_url = ""
    webinar.recording_file = video
    webinar.chapters = [{"type": "chapter", "id": str(uuid.uuid4()),
                         "value": {"time": "2:05", "title": "Take-back clauses"}}]
    webinar.save_revision().publish()

    page.goto(webinar.url)
    page.get_by_role("link", name="Take-back clauses").click()
    assert page.evaluate("document.querySelector('video').currentTime") == 125
    assert page.url.endswith(webinar.url)  # stayed on the page


def test_chapters_load_an_external_recording_at_the_chapter(page, log_in_as, make_member):
    log_in_as(make_member(language="nl"))
    webinar = WebinarPage.objects.get(locale__language_code="nl",
                                      slug="laptops-met-een-langer-leven")
    page.goto(webinar.url)
    assert page.locator("iframe").count() == 0  # nothing from Vimeo before asking
    page.get_by_role("link", name="Garanties en onderdelen").click()
    frame = page.locator("[data-video] iframe")
    assert frame.get_attribute("src").endswith("#t=760s")
    assert webinar.ends_at < timezone.now() - timedelta(days=1)
