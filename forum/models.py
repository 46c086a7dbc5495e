from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin

from pages.models import SectionIndexPage, SiteLanguage

from .routes import ForumRoutes

MODERATE = "forum.moderate_forum"


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    HIDDEN = "hidden", _("Hidden")


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


class ForumIndexPage(ForumRoutes, RoutablePageMixin, SectionIndexPage):
    """The forum: questions and answers of all topics, in both languages.

    Its pages (index, a question, asking, the moderation queue, ...) are
    routes of this page, defined in routes.py.
    """

    class Meta:
        verbose_name = _("forum")


class Post(models.Model):
    """What questions and answers share: an author, a body in Markdown, a moderation state."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    body_markdown = models.TextField(_("text"), max_length=20_000)
    # Rendered and sanitised once, when saved (usertext.render); what pages show.
    body_html = models.TextField(editable=False)
    language = models.CharField(_("language"), max_length=2, choices=SiteLanguage.choices,
                                default=SiteLanguage.DUTCH)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PENDING, db_index=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    is_expert = models.BooleanField(
        _("by an expert"), default=False,
        help_text=_("Written by a moderator or coordinator: labelled as an expert post."),
    )
    flag_count = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("last edited at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class Question(Post):
    topic = models.ForeignKey("topics.Topic", verbose_name=_("topic"),
                              on_delete=models.PROTECT, related_name="questions")
    title = models.CharField(_("question"), max_length=200)
    anonymous = models.BooleanField(
        _("ask anonymously"), default=False,
        help_text=_("Other participants do not see your name; moderators still do."),
    )
    locked = models.BooleanField(_("locked"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    accepted_answer = models.OneToOneField("forum.Answer", null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")
    # Published answers, kept up to date by forum.posting: the index filters on it.
    answer_count = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-pinned", "-last_activity_at"]
        permissions = [("moderate_forum", _("Can moderate the forum"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.utils.translation import get_language

        from .notifications import forum_url

        return forum_url(get_language() or "nl", "question", pk=self.pk)

    @classmethod
    def analytics_queryset(cls, user):
        """The questions the analytics report may name to ``user`` (see forum.visibility)."""
        from .visibility import visible_questions

        return visible_questions(user)


class Answer(Post):
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE,
                                 related_name="answers")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.question}: {self.body_markdown[:60]}"


def _one_post(prefix=""):
    return (Q(**{f"{prefix}question__isnull": False, f"{prefix}answer__isnull": True})
            | Q(**{f"{prefix}question__isnull": True, f"{prefix}answer__isnull": False}))


class PostEdit(models.Model):
    """The version of a post before an edit: edits keep their history."""

    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="edits")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="edits")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    title = models.CharField(max_length=200, blank=True)
    body_markdown = models.TextField()
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-edited_at"]
        constraints = [models.CheckConstraint(condition=_one_post(), name="edit_of_one_post")]

    def __str__(self):
        return f"edit {self.pk} by {self.editor_id}"


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
            models.CheckConstraint(condition=_one_post(), name="flag_of_one_post"),
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


class Follow(models.Model):
    """A participant follows a question, or a topic (by its translation key, any language)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="forum_follows")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="follows")
    topic_key = models.UUIDField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="follow_question_once",
                                    condition=Q(topic_key__isnull=True)),
            models.UniqueConstraint(fields=["user", "topic_key"], name="follow_topic_once",
                                    condition=Q(question__isnull=True)),
        ]

    def __str__(self):
        return f"{self.user_id} follows {self.question_id or self.topic_key}"


class NotificationSettings(models.Model):
    """Which forum emails a participant wants; everything is on until switched off."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="forum_notifications")
    my_question_answered = models.BooleanField(_("an answer to my question"), default=True)
    my_answer_accepted = models.BooleanField(_("my answer is accepted"), default=True)
    followed_activity = models.BooleanField(
        _("new answers and questions in what I follow"), default=True)

    def __str__(self):
        return f"notifications of {self.user_id}"


class ModeratorNotice(models.Model):
    """When a moderator was last told about the queue (at most one email per interval)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="+")
    last_sent_at = models.DateTimeField()

    def __str__(self):
        return f"{self.user_id}: {self.last_sent_at}"

