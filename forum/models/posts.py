"""Questions and answers: what members post, each with its moderation state,
and the earlier versions of edited posts.

Who sees which post is decided by ``PostQuerySet.visible_to`` here and, for a
post already read, by forum.visibility, which also names the lists built on
it. Links to a question go through the forum page (models/pages.py), which
stands above these models: its routes call the views, which use them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.teams import team_ids_of
from pages.models import SiteLanguage
from pages.sections import subpage_url

MODERATE = "forum.moderate_forum"
# The forum page by its label, as relations name a model: it imports the views,
# which import these models (models/pages.py).
FORUM_PAGE = "forum.ForumIndexPage"


def is_moderator(user):
    return user.is_authenticated and user.is_active and user.has_perm(MODERATE)


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    HIDDEN = "hidden", _("Hidden")


def _team_field(model):
    """Where a post names its team: a question itself, an answer through its question."""
    return "team" if model.kind == "question" else "question__team"


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The posts ``user`` sees: published posts for every member, the others for
        their author and moderators only; a team's questions (and their answers)
        only for the team's members and moderators, whoever wrote them (a member
        who leaves loses them at once). See forum.visibility."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_moderator(user):
            return self
        team = _team_field(self.model)
        return self.filter(Q(status=Status.PUBLISHED) | Q(author=user)).filter(
            Q(**{f"{team}__isnull": True}) | Q(**{f"{team}__in": team_ids_of(user)}))

    def public(self):
        """What every member sees: published, and not a team's."""
        return self.filter(status=Status.PUBLISHED,
                           **{f"{_team_field(self.model)}__isnull": True})


class Post(models.Model):
    """What questions and answers share: an author, a body in Markdown, a moderation state.

    Code that takes either kind of post asks ``post.kind`` ("question" or
    "answer": also the name of the post's key in reports, earlier versions,
    the moderation log and the forum's URLs) and ``post.question`` (an
    answer's question; a question is its own).
    """

    kind = None  # set by each kind of post

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

    objects = PostQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class Question(Post):
    kind = "question"

    topic = models.ForeignKey("topics.Topic", verbose_name=_("topic"),
                              on_delete=models.PROTECT, related_name="questions")
    title = models.CharField(_("question"), max_length=200)
    # A team's own question: seen only by the team's members and moderators
    # (forum.visibility asks members.teams). Deleted with its team, so that
    # it never becomes public.
    team = models.ForeignKey("members.Team", verbose_name=_("team"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="questions")
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
        """The question in the forum of the active language, with the site's address
        (emails and the analytics report link to it)."""
        return subpage_url(FORUM_PAGE, get_language() or "nl", "question",
                           absolute=True, pk=self.pk)

    @classmethod
    def analytics_queryset(cls, user):
        """The questions the analytics report may name to ``user``: those they see, and
        never a team's (its interest counts per topic, unnamed)."""
        return cls.objects.visible_to(user).filter(team__isnull=True)

    @property
    def question(self):
        """A question is the question of its own thread (see Post)."""
        return self


class Answer(Post):
    kind = "answer"

    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE,
                                 related_name="answers")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.question}: {self.body_markdown[:60]}"


def one_post(prefix=""):
    """The condition that a row (a report, an earlier version) is of exactly one post."""
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
        constraints = [models.CheckConstraint(condition=one_post(), name="edit_of_one_post")]

    def __str__(self):
        return f"edit {self.pk} by {self.editor_id}"

