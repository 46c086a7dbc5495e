"""Product-group teams: a few buyers working on one topic, with a leader.

A team is a translatable snippet (its name and description); everything
else about it (members, join requests, meetings, minutes and their files)
belongs to the team in the default language, the source of its
translations (``Team.source``), so that both languages show one team. Who
sees a team's inside is decided in teams.py and nowhere else.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import TranslatableField


class Team(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    topics = models.ManyToManyField("topics.Topic", verbose_name=_("topics"), blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"),
              FieldPanel("topics")]
    # Topics belong to the default-language team like everything below it (a
    # plain many-to-many cannot be synchronised into a translation by
    # wagtail-localize): pages read them from ``source``.
    translatable_fields = [TranslatableField("name"), TranslatableField("slug"),
                           TranslatableField("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"],
                                               name="unique_team_slug_per_locale")]

    def __str__(self):
        return self.name

    @property
    def source(self):
        """The team in the default language, which its members, meetings and minutes belong to."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        # Read once per instance: a kept team (members/team_content.py) carries it.
        if "_source" not in self.__dict__:
            self._source = Team.objects.filter(translation_key=self.translation_key,
                                               locale=default).first() or self
        return self._source


class TeamRole(models.TextChoices):
    LEADER = "leader", _("Team leader")
    MEMBER = "member", _("Member")


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE,
                             related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"),
                             on_delete=models.CASCADE, related_name="team_memberships")
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices,
                            default=TeamRole.MEMBER)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    panels = [FieldPanel("team"), FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["team", "-role", "joined_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["team", "user"],
                                               name="one_membership_per_team")]

    def __str__(self):
        return f"{self.user} — {self.team}"


class JoinRequest(models.Model):
    """A member asks to join; the leader or a coordinator accepts or declines."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    message = models.TextField(_("message to the team leader"), blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["team", "user"],
                                               name="one_join_request_per_team")]

    def __str__(self):
        return f"{self.user_id} → {self.team_id}"


class TeamMeeting(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # When it was added, for the team's "new for you" (members/whats_new.py);
    # empty for meetings added before it was kept, which are news no more.
    created_at = models.DateTimeField(null=True, blank=True, default=timezone.now,
                                      editable=False)

    class Meta:
        verbose_name = _("team meeting")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title


class Minutes(models.Model):
    """What a team meeting discussed, written by a team member in Markdown.

    They stay when their author leaves the team or Leerkring: signed with
    the author's name while their profile is consented, else "a team member".
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="minutes")
    meeting = models.ForeignKey(TeamMeeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="minutes")
    held_on = models.DateField(_("date of the meeting"))
    title = models.CharField(_("title"), max_length=200)
    body_markdown = models.TextField(_("minutes"), max_length=20_000)
    # Rendered and sanitised once, when saved (usertext.render); what pages show.
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.title


def attachment_path(attachment, filename):
    # Never served from /media/ (pages.visibility): only to the team, through its page.
    return f"members/teams/{timezone.now():%Y/%m}/{filename}"


class MinutesAttachment(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]
