"""What is counted. Importable anywhere (no models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    VIEW = "view", _("Views")
    DOWNLOAD = "download", _("Downloads")
    REGISTRATION = "registration", _("Registrations")
    PLAY = "play", _("Recording plays")
    LESSON_COMPLETED = "lesson_completed", _("Lessons completed")
    QUESTION = "question", _("Questions")
    ANSWER = "answer", _("Answers")
