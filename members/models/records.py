"""Members' profiles and their consents.

A profile is what a member tells the community about themselves; the account
(accounts.User) keeps their name, address and organisation. Whether anyone
else sees the profile, or its email address, is decided in consent.py from
the append-only records here, as the catalogue does for projects.
"""

import uuid

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.consent_texts import VersionedConsentText


class ConsentKind(models.TextChoices):
    DIRECTORY = "directory", _("Show my profile to other members")
    EMAIL = "email", _("Show my email address on my profile")


# The languages a member may say they speak: a short fixed list, named in the
# reader's language (the community is Belgian and European).
SPOKEN_LANGUAGES = [
    ("nl", _("Dutch")), ("en", _("English")), ("fr", _("French")), ("de", _("German")),
    ("es", _("Spanish")), ("it", _("Italian")), ("pt", _("Portuguese")), ("pl", _("Polish")),
    ("ar", _("Arabic")), ("tr", _("Turkish")),
]

# Routes of the directory page that a profile's address must not take.
RESERVED_SLUGS = {"my-profile", "mentions"}


def photo_path(profile, filename):
    # Never served from /media/ (pages.visibility): only through the profile's view.
    # A random name: the address of one photo says nothing of whose it is.
    return f"members/photos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


class ProfileManager(models.Manager):
    def of(self, user):
        """``user``'s profile, made (with an address of its own) when first needed."""
        try:
            return self.get(user=user)
        except self.model.DoesNotExist:
            pass
        base = slugify(user.get_full_name(), allow_unicode=True)[:100] or "lid"
        slug, number = base, 1
        while True:
            if slug in RESERVED_SLUGS:
                number += 1
                slug = f"{base}-{number}"
                continue
            try:
                with transaction.atomic():
                    return self.create(user=user, slug=slug)
            except IntegrityError:
                if self.filter(user=user).exists():  # made at the same moment
                    return self.get(user=user)
                number += 1
                slug = f"{base}-{number}"


class Profile(models.Model):
    """One member's profile: made when first needed, shown only with their consent."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="profile")
    # The profile's address (/nl/leden/<slug>/): made from the name once, kept
    # when the name changes so that links keep working.
    slug = models.SlugField(_("address"), max_length=120, unique=True, allow_unicode=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    bio_markdown = models.TextField(_("about me"), blank=True, max_length=3000)
    # Rendered and sanitised once, when saved (usertext.render); what pages show.
    bio_html = models.TextField(editable=False, default="")
    expertise = models.ManyToManyField("topics.Topic", verbose_name=_("expertise"), blank=True,
                                       related_name="+")
    # Language codes, stored as ",nl,en," so that one language is a plain
    # "contains" filter on every database (as the catalogue's strategies).
    language_codes = models.CharField(max_length=100, blank=True, default="")
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True, max_length=300)
    # When the member last saved their profile: members who never did are
    # invited (not forced) to complete it.
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileManager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.user.full_name

    @property
    def languages(self):
        return [code for code in self.language_codes.split(",") if code]

    @property
    def language_names(self):
        names = dict(SPOKEN_LANGUAGES)
        return [str(names[code]) for code in self.languages if code in names]

    @languages.setter
    def languages(self, codes):
        self.language_codes = f",{','.join(sorted(set(codes)))}," if codes else ""

    @property
    def name(self):
        """The name others see: never the address (full_name falls back to it), which
        is shown only with its own consent."""
        return self.user.get_full_name() or gettext("A member")

    @property
    def initials(self):
        parts = [self.user.first_name, self.user.last_name]
        letters = "".join(part.strip()[:1] for part in parts if part.strip())
        return (letters or "?").upper()


class ConsentText(VersionedConsentText):
    """One version of the text a member agrees to; a new wording is a new version."""

    kind = models.CharField(_("consent"), max_length=10, choices=ConsentKind.choices)

    class Meta(VersionedConsentText.Meta):
        verbose_name = _("profile consent text")
        constraints = [models.UniqueConstraint(fields=["kind", "version"],
                                               name="one_profile_consent_text_per_version")]


class ConsentRecord(models.Model):
    """One grant or withdrawal by a member about their own profile; never changed.

    The latest per member and kind is in force. When the account is deleted
    the records stay without the person (``user`` becomes empty), as proof.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                             related_name="profile_consents")
    kind = models.CharField(max_length=10, choices=ConsentKind.choices)
    granted = models.BooleanField()
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="records")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["user", "kind", "-id"])]

    def __str__(self):
        return f"{self.user_id}: {self.kind} {'granted' if self.granted else 'withdrawn'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Consent records are append-only.")
        super().save(*args, **kwargs)


class MemberMessage(models.Model):
    """That a message was relayed to a member (not what it said): for the daily limit."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.sender_id} → {self.recipient_id}"
