"""Writing profiles: save what a member tells about themselves, their photo, and relay
a message to a member whose address stays hidden.

Views call these; who may see what is consent.py's. The search index follows
the saved rows by itself (sitesearch/signals.py, members/search_indexes.py).
"""

from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import BadHeaderError, EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.limits import lock_member
from usertext.render import render_markdown

from . import consent
from .models.records import MemberMessage, Profile

# The photo as stored and shown: a square JPEG of this many pixels a side.
PHOTO_SIZE = 256
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class Refused(Exception):
    """Something the member may not do now; the message says why, in their language."""


class BadPhoto(ValueError):
    """An upload that is not a photo we can use; the message is for the member."""


def initial_for(member):
    """What the profile form shows first: the saved profile and the consents in force."""
    profile = Profile.objects.of(member)
    current = consent.state(member)
    return {
        "job_title": profile.job_title, "bio": profile.bio_markdown,
        "expertise": list(profile.expertise.all()), "languages": profile.languages,
        "consent_directory": current[consent.DIRECTORY],
        "consent_email": current[consent.EMAIL],
    }


def photo_jpeg(upload):
    """The upload as a square JPEG of PHOTO_SIZE pixels, or BadPhoto.

    Pillow reads only the header before the size checks, so a small file that
    claims a huge picture is refused before it is decoded. The picture is
    turned as its EXIF says and then saved without any metadata (no EXIF: no
    camera, place or time).
    """
    limit_mb = settings.IMAGE_MAX_UPLOAD_MB
    if upload.size > limit_mb * 1024 * 1024:
        raise BadPhoto(_("The photo is larger than %(size)s MB.") % {"size": limit_mb})
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in PHOTO_FORMATS:
                raise BadPhoto(_("Upload a JPEG, PNG, WebP or GIF picture."))
            width, height = image.size
            if width * height > settings.IMAGE_MAX_MEGAPIXELS * 1_000_000:
                raise BadPhoto(_("The photo has too many pixels: at most %(mp)s megapixels.")
                               % {"mp": settings.IMAGE_MAX_MEGAPIXELS})
            image.load()
            image = ImageOps.exif_transpose(image)
            square = ImageOps.fit(image.convert("RGB"), (PHOTO_SIZE, PHOTO_SIZE),
                                  Image.Resampling.LANCZOS)
    except BadPhoto:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError,
            SyntaxError):
        raise BadPhoto(_("This file is not a picture we can read. Upload a JPEG, PNG, "
                         "WebP or GIF picture.")) from None
    output = BytesIO()
    square.save(output, "JPEG", quality=85, optimize=True)
    return output.getvalue()


def _replace_photo(profile, content):
    old = profile.photo.name if profile.photo else ""
    if content is None:
        profile.photo = ""
    else:
        profile.photo.save("photo.jpg", ContentFile(content), save=False)
    if old:
        # After the commit: a rolled-back save keeps the photo it still points at.
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def save(member, data):
    """Save the profile from a form's cleaned data: fields, photo and both consents."""
    profile = Profile.objects.of(member)
    profile.job_title = data["job_title"]
    profile.bio_markdown = data["bio"]
    profile.bio_html = render_markdown(data["bio"]) if data["bio"] else ""
    profile.languages = data["languages"]
    if data.get("photo") is not None:
        _replace_photo(profile, data["photo"])
    elif data.get("remove_photo") and profile.photo:
        _replace_photo(profile, None)
    profile.completed_at = timezone.now()
    profile.save()
    profile.expertise.set(data["expertise"])
    consent.choose(member, {consent.DIRECTORY: data["consent_directory"],
                            consent.EMAIL: data["consent_email"]})
    return profile


def delete(member):
    """Remove ``member``'s profile and its photo file (their account is going)."""
    profile = Profile.objects.filter(user=member).first()
    if profile is None:
        return
    if profile.photo:
        profile.photo.delete(save=False)
    profile.delete()


def needs_completing(member):
    """Whether to invite ``member`` to complete their profile (they never saved it)."""
    return not Profile.objects.filter(user=member, completed_at__isnull=False).exists()


# --- The relay -------------------------------------------------------------------------


def messages_left(sender):
    since = timezone.now() - timedelta(days=1)
    sent = MemberMessage.objects.filter(sender=sender, sent_at__gte=since).count()
    return max(settings.MEMBERS_CONTACT_MESSAGES_PER_DAY - sent, 0)


@transaction.atomic
def relay(sender, member, subject, message):
    """Email ``message`` to ``member`` without showing the sender their address.

    The sender's address is the Reply-To, so the answer reaches them directly;
    the email links to the sender's profile when others may see it.
    The sender's messages are counted and recorded one at a time
    (accounts.limits), so messages sent at once cannot pass the daily limit.
    """
    lock_member(sender)
    if not consent.may_see_profile(sender, member) or sender.pk == member.pk:
        raise Refused(_("This member cannot be contacted through Leerkring."))
    if messages_left(sender) <= 0:
        raise Refused(_("You have sent the most messages allowed in one day. Try again "
                        "tomorrow."))
    language = member.preferred_language
    sender_url = consent.profile_urls([sender.pk], language).get(sender.pk)
    with translation.override(language):
        body = render_to_string("members/email/contact.txt", {
            "sender": sender, "member": member, "message": message, "subject": subject,
            "sender_url": settings.BASE_URL + sender_url if sender_url else ""})
        email = EmailMessage(subject=f"[Leerkring] {subject}", body=body, to=[member.email],
                             reply_to=[sender.email])
    try:
        # Build the message now: a header Django refuses to send (a line break
        # in the subject) must fail here, before the day's count is used.
        email.message()
    except BadHeaderError:
        raise Refused(_("Write the subject on one line.")) from None
    MemberMessage.objects.create(sender=sender, recipient=member)
    transaction.on_commit(email.send)
