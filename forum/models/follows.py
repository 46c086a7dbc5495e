"""What members follow (questions, topics) and which forum emails they want."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .posts import Question


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
