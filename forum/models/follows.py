"""What members follow: questions, and topics (which emails they want is theirs to
choose per kind of notification: notices.preferences)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

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

