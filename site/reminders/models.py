"""Which reminders went out: one row per member, session and occasion.

The row is the claim (reminders/sending.py): it is written before the
notification, in the same transaction, and its unique constraint turns a
second writer away.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Occasion(models.TextChoices):
    DAY = "day", _("the day before")
    HOUR = "hour", _("an hour before")


class Reminder(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="reminders")
    # The source's key (its app) and the session's key within it, the same in
    # every language (a webinar's translation key).
    source = models.CharField(max_length=32)
    session = models.CharField(max_length=64)
    occasion = models.CharField(max_length=8, choices=Occasion.choices)
    notification = models.ForeignKey("notices.Notification", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "session", "occasion", "user"],
                                               name="reminder_once")]

    def __str__(self):
        return f"{self.source}:{self.session} {self.occasion} for {self.user_id}"
