"""Editing one's profile: the form, the photo, the consents, the invitation, the relay,
the personal data, and the admin's consent texts."""

from io import BytesIO

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from accounts import personal_data
from members import consent, profiles
from members.models import ConsentRecord, ConsentText, MemberMessage, Profile
from tests.members.conftest import image_file, profile_data
from topics.models import Topic


def _form(**changes):
    data = {"job_title": "Aankoper ICT", "bio": "Ik koop **laptops**.", "expertise": [],
            "languages": ["nl", "fr"], "consent_directory": "on"}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_saving_the_form_keeps_every_field_and_records_the_consents(client, participant, url):
    ict = Topic.objects.get(locale__language_code="nl", slug="ict")
    english_ict = Topic.objects.get(locale__language_code="en",
                                    translation_key=ict.translation_key)
    client.force_login(participant)
    english_form = url("edit_profile").replace("/nl/leden/", "/en/members/")
    response = client.post(english_form, _form(expertise=[english_ict.pk], consent_email="on",
                                               bio="Hallo <script>alert(1)</script> **wereld**"))
    assert response.status_code == 302
    profile = Profile.objects.get(user=participant)
    assert profile.job_title == "Aankoper ICT"
    assert profile.languages == ["fr", "nl"]
    # Kept as the default-language topic: one filter for both directories.
    assert list(profile.expertise.all()) == [ict]
    assert "<script>" not in profile.bio_html and "<strong>wereld</strong>" in profile.bio_html
    assert profile.completed_at is not None
    assert consent.state(participant) == {consent.DIRECTORY: True, consent.EMAIL: True}
    records = ConsentRecord.objects.filter(user=participant)
    assert {(r.kind, r.granted, r.text.version) for r in records} == {
        ("directory", True, 1), ("email", True, 1)}


def test_bad_input_keeps_everything_typed_and_saves_nothing(client, participant, url):
    client.force_login(participant)
    response = client.post(url("edit_profile"), _form(
        job_title="Aankoper meubilair", bio="x" * 3001, consent_directory=None,
        consent_email="on"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["bio"] and form.errors["consent_email"]
    html = response.content.decode()
    assert 'value="Aankoper meubilair"' in html and "x" * 3001 in html
    assert Profile.objects.get(user=participant).completed_at is None
    assert not ConsentRecord.objects.filter(user=participant).exists()


def test_the_form_shows_the_consent_texts_in_force(client, participant, url):
    consent_text = consent.current_text(consent.DIRECTORY)
    client.force_login(participant)
    html = client.get(url("edit_profile")).content.decode()
    assert consent_text.text_nl.split(":")[0] in html


def test_a_photo_is_stored_as_a_small_square_jpeg_without_exif(participant, make_profile):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0112] = 6  # Orientation: turn 90°
    jpeg = profiles.photo_jpeg(image_file(size=(900, 300), exif=exif.tobytes()))
    make_profile(participant, photo=jpeg)
    profile = Profile.objects.get(user=participant)
    assert profile.photo.name.startswith("members/photos/")
    with default_storage.open(profile.photo.name) as stored, Image.open(stored) as image:
        assert image.format == "JPEG" and image.size == (256, 256)
        assert not image.getexif()
        assert "exif" not in image.info


@pytest.mark.parametrize("upload, message", [
    (image_file(fmt="PNG", name="me.png"), None),
    (image_file(fmt="GIF", name="me.gif"), None),
    (image_file(fmt="BMP", name="me.bmp"), "JPEG-, PNG-"),
    (None, "geen afbeelding"),  # text named .jpg
], ids=["png", "gif", "bmp", "not-an-image"])
def test_only_real_pictures_are_accepted(client, participant, url, upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = upload or SimpleUploadedFile("me.jpg", b"<?php echo 1; ?>" * 10, "image/jpeg")
    upload.seek(0)
    client.force_login(participant)
    response = client.post(url("edit_profile"), {**_form(job_title="Getypt"), "photo": upload})
    profile = Profile.objects.get(user=participant)
    if message is None:
        assert response.status_code == 302 and profile.photo
    else:
        assert response.status_code == 200 and message in response.content.decode()
        assert 'value="Getypt"' in response.content.decode() and not profile.photo


def test_a_picture_claiming_too_many_pixels_is_refused_before_decoding(settings):
    settings.IMAGE_MAX_MEGAPIXELS = 1
    with pytest.raises(profiles.BadPhoto, match="pixels"):
        profiles.photo_jpeg(image_file(size=(2000, 1000)))


def test_removing_the_photo_deletes_the_file(client, participant, url, make_profile,
                                             django_capture_on_commit_callbacks):
    make_profile(participant, photo=profiles.photo_jpeg(image_file()))
    name = Profile.objects.get(user=participant).photo.name
    assert default_storage.exists(name)
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("edit_profile"), _form(remove_photo="on"))
    assert response.status_code == 302
    assert not Profile.objects.get(user=participant).photo
    assert not default_storage.exists(name)


def test_the_photo_is_never_served_from_media(client, participant, make_profile, url):
    make_profile(participant, photo=profiles.photo_jpeg(image_file()))
    profile = Profile.objects.get(user=participant)
    client.force_login(participant)
    assert client.get(f"/media/{profile.photo.name}").status_code == 404
    response = client.get(url("photo", slug=profile.slug))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_first_time_members_are_invited_until_they_save(client, participant, url):
    client.force_login(participant)
    invitation = "Stel je voor aan de leerkring"
    assert invitation in client.get("/nl/").content.decode()
    assert invitation in client.get("/nl/account/").content.decode()
    client.post(url("edit_profile"), _form(consent_directory=None))  # saved, not shown
    assert invitation not in client.get("/nl/").content.decode()
    account = client.get("/nl/account/").content.decode()
    assert invitation not in account and url("edit_profile") in account


def test_a_member_always_sees_their_own_profile_with_a_note(client, participant, url,
                                                            make_profile):
    make_profile(participant, listed=False)
    client.force_login(participant)
    slug = Profile.objects.get(user=participant).slug
    response = client.get(url("profile", slug=slug))
    assert response.status_code == 200
    assert "Alleen jij ziet dit" in response.content.decode()


def test_my_profile_is_not_a_profile_address(make_member):
    member = make_member(first_name="My", last_name="Profile")
    assert Profile.objects.of(member).slug == "my-profile-2"


# --- The relay -------------------------------------------------------------------------


@pytest.fixture
def relay(make_member, make_profile, url):
    """(client of a reader, the member, the relay's URL) for a listed member without
    their address shown."""
    member = make_profile(make_member(email="vera@gent.example", first_name="Vera",
                                      language="en"), email=False)
    reader = make_member(first_name="Rik")
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    slug = Profile.objects.get(user=member).slug
    return client, reader, member, url("contact", slug=slug)


def test_the_relay_hides_the_address_and_replies_to_the_sender(relay, sent, url):
    client, reader, member, contact_url = relay
    profile_page = client.get(contact_url.replace("contact/", "")).content.decode()
    assert member.email not in profile_page
    with sent():
        response = client.post(contact_url, {"subject": "Jullie laptops",
                                             "message": "Hoe regelen jullie het onderhoud?"})
    assert response.status_code == 302
    assert member.email not in client.get(response["Location"]).content.decode()
    [email] = mail.outbox
    assert email.to == [member.email] and email.reply_to == [reader.email]
    assert "Hoe regelen jullie het onderhoud?" in email.body
    assert "through your profile" in email.body  # in the recipient's language
    assert MemberMessage.objects.filter(sender=reader, recipient=member).count() == 1


def test_the_relay_stops_at_the_daily_limit(relay, sent, settings):
    settings.MEMBERS_CONTACT_MESSAGES_PER_DAY = 2
    client, reader, member, contact_url = relay
    with sent():
        for n in range(3):
            response = client.post(contact_url, {"subject": f"Vraag {n}",
                                                 "message": "Een echte vraag hier."})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert len(mail.outbox) == 2 and profiles.messages_left(reader) == 0


def test_a_subject_with_a_line_break_costs_nothing(relay, sent):
    client, reader, member, contact_url = relay
    with sent():
        response = client.post(contact_url, {"subject": "Vraag\r\nBcc: all@example.org",
                                             "message": "Een echte vraag hier."})
    assert response.status_code == 200 and not mail.outbox
    assert not MemberMessage.objects.exists()


def test_the_relay_refuses_a_member_who_withdrew(relay, sent):
    client, reader, member, contact_url = relay
    consent.choose(member, {consent.DIRECTORY: False})
    with pytest.raises(profiles.Refused):
        profiles.relay(reader, member, "Vraag", "Een echte vraag hier.")
    assert client.post(contact_url, {"subject": "Vraag", "message": "Een echte vraag hier."}
                       ).status_code == 404


# --- Personal data ---------------------------------------------------------------------


def test_the_download_holds_the_profile_consents_and_relay_log(participant, make_profile,
                                                               make_member):
    make_profile(participant, photo=profiles.photo_jpeg(image_file()), languages=["nl", "de"])
    consent.choose(participant, {consent.DIRECTORY: False})
    MemberMessage.objects.create(sender=participant, recipient=make_member())
    data = personal_data.collect(participant)
    assert data["profile"]["job_title"] == "Aankoper"
    assert data["profile"]["languages"] == ["de", "nl"]
    assert data["profile"]["photo"]["stored_as"].startswith("members/photos/")
    assert data["profile"]["shown_to_members"] is False
    assert [(c["consent"], c["granted"]) for c in data["profile_consents"]] == [
        ("directory", True), ("directory", False)]
    assert len(data["profile_messages"]["sent"]) == 1


def test_deleting_the_account_removes_the_profile_and_photo(participant, make_profile):
    make_profile(participant, photo=profiles.photo_jpeg(image_file()))
    profile = Profile.objects.get(user=participant)
    name = profile.photo.name
    personal_data.delete_account(participant)
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert not default_storage.exists(name)
    # The consent records stay, without the person, as proof.
    assert ConsentRecord.objects.filter(user=None, kind="directory").exists()


# --- The admin ---------------------------------------------------------------------------


def test_coordinators_add_a_new_version_of_a_profile_consent_text(client, coordinator,
                                                                  participant, moderator):
    client.force_login(coordinator)
    response = client.post("/admin/members_consent_texts/new/", {
        "kind": "directory", "text_nl": "Nieuwe tekst.", "text_en": "New text."})
    assert response.status_code == 302
    newest = consent.current_text(consent.DIRECTORY)
    assert (newest.version, newest.text_nl) == (2, "Nieuwe tekst.")
    assert ConsentText.objects.get(kind="directory", version=1).text_nl != "Nieuwe tekst."
    for other in (participant, moderator):
        client.force_login(other)
        assert client.get("/admin/members_consent_texts/").status_code in (302, 403)


def test_the_bio_is_rendered_once_when_saved(participant):
    profiles.save(participant, profile_data(bio="Zie [dit](javascript:alert(1)) en *dat*"))
    html = Profile.objects.get(user=participant).bio_html
    assert "javascript:" not in html and "<em>dat</em>" in html


def test_photo_bytes_are_a_jpeg(participant):
    data = profiles.photo_jpeg(image_file(fmt="PNG"))
    assert Image.open(BytesIO(data)).format == "JPEG"
