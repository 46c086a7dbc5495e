"""What moderation keeps: the rule per topic, participants' reports, the log of
moderators' actions, and when each moderator was last told about the queue."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .posts import Answer, Question, one_post


class ModerationMode(models.TextChoices):
    EVERY_POST = "every_post", _("Review every post before it appears")
    NEWCOMERS = "newcomers", _("Review posts of participants with few approved posts")
    NONE = "none", _("Publish at once")


class ModerationRule(models.Model):
    """How posts under one topic are moderated; topics without a rule use the default."""

    topic = models.OneToOneField("topics.Topic", verbose_name=_("topic"),
                                 on_delete=models.CASCADE, related_name="moderation_rule")
    mode = models.CharField(_("moderation"), max_length=20, choices=ModerationMode.choices,
                            default=ModerationMode.NEWCOMERS)
    approved_posts_needed = models.PositiveSmallIntegerField(
        _("approved posts before publishing at once"), default=2,
        help_text=_("With the newcomers rule: how many approved posts a participant needs "
                    "before their posts appear without review."),
    )

    panels = [FieldPanel("topic"), FieldPanel("mode"), FieldPanel("approved_posts_needed")]

    class Meta:
        verbose_name = _("moderation rule")
        verbose_name_plural = _("moderation rules")

    def __str__(self):
        return f"{self.topic}: {self.get_mode_display()}"


class Flag(models.Model):
    """A participant's report of a post; three hide it until a moderator decides."""

    class Reason(models.TextChoices):
        OFFENSIVE = "offensive", _("Offensive or hurtful")
        SPAM = "spam", _("Spam or advertising")
        PRIVATE = "private", _("Shares someone's personal data")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="flags")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("explanation"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=one_post(), name="flag_of_one_post"),
            models.UniqueConstraint(fields=["user", "question"], name="one_flag_per_question",
                                    condition=Q(answer__isnull=True)),
            models.UniqueConstraint(fields=["user", "answer"], name="one_flag_per_answer",
                                    condition=Q(question__isnull=True)),
        ]

    def __str__(self):
        return f"flag {self.pk}: {self.reason}"


class ModerationAction(models.Model):
    """The log of what moderators did: who, what, when."""

    class Kind(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        HIDE = "hide", _("Hidden")
        EDIT = "edit", _("Edited")
        LOCK = "lock", _("Locked")
        UNLOCK = "unlock", _("Unlocked")
        PIN = "pin", _("Pinned")
        UNPIN = "unpin", _("Unpinned")
        MOVE = "move", _("Moved")
        DISMISS_FLAGS = "dismiss_flags", _("Reports dismissed")
        ACCEPT = "accept", _("Answer accepted")

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} by {self.moderator_id}"


def log(moderator, kind, post, note=""):
    """Log that ``moderator`` did ``kind`` to ``post`` (forum.moderation; forum.posting
    for a moderator's edit or acceptance). An answer's entry names its question too."""
    ModerationAction.objects.create(
        moderator=moderator, kind=kind, note=note, question=post.question,
        answer=post if post.kind == "answer" else None,
    )


class ModeratorNotice(models.Model):
    """When a moderator was last told about the queue (at most one email per interval)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="+")
    last_sent_at = models.DateTimeField()

    def __str__(self):
        return f"{self.user_id}: {self.last_sent_at}"
