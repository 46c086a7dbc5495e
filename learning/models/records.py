"""What the learning section keeps per member: progress through each lesson and the
latest answer to each self-check question (progress.py reads and writes them)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    """Where one member stands with one lesson, whatever the language they read it in.

    Lessons and packages are identified by their wagtail-localize translation
    key, shared by the Dutch page and its English translation.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="lesson_progress")
    package_key = models.UUIDField()
    lesson_key = models.UUIDField()
    first_visited_at = models.DateTimeField(auto_now_add=True)
    last_visited_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key"], name="one_progress_per_lesson"),
        ]
        indexes = [models.Index(fields=["user", "package_key"]),
                   models.Index(fields=["package_key"])]
        permissions = [("view_learning_report", _("Can see the learning report"))]

    def __str__(self):
        state = "done" if self.completed_at else "visited"
        return f"{self.user_id} · {self.lesson_key} · {state}"


class SelfCheckAnswer(models.Model):
    """A member's latest answer to one self-check question."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="self_check_answers")
    lesson_key = models.UUIDField()
    question_id = models.CharField(max_length=64)
    selected = models.JSONField(default=list)
    correct = models.BooleanField(default=False)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("self-check answer")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key", "question_id"],
                                    name="one_answer_per_question"),
        ]

    def __str__(self):
        return f"{self.user_id} · {self.question_id} · {'right' if self.correct else 'wrong'}"
