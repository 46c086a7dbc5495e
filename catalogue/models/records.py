"""The catalogue's data: participants' projects, their files and consents.

A project is plain data written by its owners in one language; the
catalogue page (pages.py) shows it through the views in views.py. Who sees
a project, and its contact details, is decided in consent.py and nowhere
else.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.consent_texts import VersionedConsentText
from accounts.models import OrganisationType
from pages.models import SiteLanguage


class Phase(models.TextChoices):
    """The phases the programme tracks, in order."""

    BASELINE = "baseline", _("Baseline")
    AMBITION = "ambition", _("Ambition")
    CONTRACT = "contract", _("Contract")
    IMPACT = "impact", _("Realised impact")


PHASE_ORDER = [choice.value for choice in Phase]


class ConsentKind(models.TextChoices):
    LISTING = "listing", _("Show the project to other participants")
    CONTACT = "contact", _("Show the contact details with it")


class Project(models.Model):
    """A circular procurement project, kept by its owners."""

    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=SiteLanguage.choices,
                                default=SiteLanguage.DUTCH)
    organisation = models.CharField(_("organisation"), max_length=200)
    organisation_type = models.CharField(_("organisation type"), max_length=20,
                                         choices=OrganisationType.choices,
                                         default=OrganisationType.OTHER)
    product_group = models.ForeignKey(
        "topics.Topic", verbose_name=_("product group"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    themes = models.ManyToManyField("topics.Topic", verbose_name=_("themes"), blank=True,
                                    related_name="+")
    # Ambition map codes, stored as ",A1,C4," so that one strategy is a plain
    # "contains" filter on every database.
    strategy_codes = models.CharField(max_length=200, blank=True, default="")
    phase = models.CharField(_("phase reached"), max_length=12, choices=Phase.choices,
                             default=Phase.BASELINE)
    baseline_text = models.TextField(_("baseline: business as usual"), blank=True,
                                     max_length=1000)
    ambition_text = models.TextField(_("ambition: what you want to achieve"), blank=True,
                                     max_length=1000)
    contract_text = models.TextField(_("contract: what was agreed"), blank=True,
                                     max_length=1000)
    impact_text = models.TextField(_("realised impact: what was delivered"), blank=True,
                                   max_length=1000)
    description_markdown = models.TextField(_("description"), max_length=20_000)
    # Rendered and sanitised once, when saved (usertext.render); what pages show.
    description_html = models.TextField(editable=False, default="")
    lessons_markdown = models.TextField(_("lessons learned"), blank=True, max_length=20_000)
    lessons_html = models.TextField(editable=False, default="")
    year = models.PositiveSmallIntegerField(_("year"))
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email address"))
    contact_phone = models.CharField(_("contact phone number"), max_length=40, blank=True)
    owners = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("owners"),
                                    related_name="catalogue_projects")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def strategies(self):
        return [code for code in self.strategy_codes.split(",") if code]

    @strategies.setter
    def strategies(self, codes):
        self.strategy_codes = f",{','.join(sorted(set(codes)))}," if codes else ""

    def analytics_topics(self):
        """The topics a view of this project counts for: its product group and themes."""
        return [t for t in [self.product_group, *self.themes.all()] if t is not None]

    def phase_texts(self):
        """(phase label, text) for each phase reached, in order."""
        reached = PHASE_ORDER[: PHASE_ORDER.index(self.phase) + 1]
        return [(Phase(code).label, getattr(self, f"{code}_text")) for code in reached]


def document_path(document, filename):
    # Never served from /media/ (pages.visibility): only through the project's view.
    return f"catalogue/{timezone.now():%Y/%m}/{filename}"


class ProjectDocument(models.Model):
    """A file of a project (tender text, ...), seen only by those who may see the project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]


class ConsentText(VersionedConsentText):
    """One version of the text a participant agrees to; a new wording is a new version."""

    kind = models.CharField(_("consent"), max_length=10, choices=ConsentKind.choices)

    class Meta(VersionedConsentText.Meta):
        verbose_name = _("consent text")
        constraints = [models.UniqueConstraint(fields=["kind", "version"],
                                               name="one_consent_text_per_version")]


class ConsentRecord(models.Model):
    """One grant or withdrawal; never changed. The latest per project and kind is in force.

    When a member's account is deleted their records stay, without the
    person (``user`` becomes empty), as proof; a deleted project's records
    keep its title. A withdrawal that Leerkring records itself (no member
    chose it) has no ``user`` and says why in ``reason``.
    """

    class Reason(models.TextChoices):
        OWNER_LEFT = "owner_left", _("An owner who gave this consent deleted their account")
        CONTACT_CHANGED = "contact_changed", _("The contact details changed")

    project = models.ForeignKey(Project, null=True, on_delete=models.SET_NULL,
                                related_name="consent_records")
    project_title = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                             related_name="+")
    kind = models.CharField(max_length=10, choices=ConsentKind.choices)
    granted = models.BooleanField()
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="records")
    created_at = models.DateTimeField(default=timezone.now)
    # Empty for a member's own choice; set when Leerkring withdrew the consent itself.
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True, default="")

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["project", "kind", "-id"])]

    def __str__(self):
        return f"{self.project_title}: {self.kind} {'granted' if self.granted else 'withdrawn'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Consent records are append-only.")
        super().save(*args, **kwargs)


class CoOwnerInvitation(models.Model):
    """An owner asks someone to co-own a project; nothing changes until they accept.

    Kept by the address typed, whether or not it is a member's: the owner
    sees the same pending invitation either way, so the form never tells
    who has an account. A member with that address sees it on their "my
    projects" page; one that nobody accepts lapses after INVITATION_VALID_DAYS,
    like an invitation to join Leerkring.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "email"],
                                               name="one_invitation_per_address")]

    def __str__(self):
        return f"{self.email} → {self.project_id}"


class ContactMessage(models.Model):
    """That a message was relayed (not what it said): for the rate limit."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    project = models.ForeignKey(Project, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.sender_id} → {self.project_id}"

