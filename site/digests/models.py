"""One row per member and period: the claim that their digest was made, and its email.

``period`` names the day ("2026-05-14") or ISO week ("2026-W20") in
Europe/Brussels; a member has at most one row per period (the unique
constraint is what makes two runs at once send one digest). ``since`` and
``until`` are the window it covered; the next digest starts at ``until``.
A period with nothing new is kept as NOTHING (no email); else the row holds
what the email shows (``sections``, emptied once sent) and how far its email
got, like a notification's (notices/models.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DigestState(models.TextChoices):
    NOTHING = "nothing", _("nothing new")
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("could not be sent")
    SKIPPED = "skipped", _("not sent")


class Digest(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    period = models.CharField(max_length=10)
    frequency = models.CharField(max_length=8)
    since = models.DateTimeField()
    until = models.DateTimeField()
    language = models.CharField(max_length=8)
    state = models.CharField(max_length=8, choices=DigestState.choices)
    # What the email shows, as made at ``until``: [{"key", "title", "more", "items": [...]}].
    sections = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the next attempt is due (PENDING), or when the current one began (SENDING).
    due_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "period"],
                                               name="digest_once_per_period")]
        indexes = [
            models.Index(fields=["user", "-until"], name="digest_latest"),
            models.Index(fields=["due_at"], condition=Q(state__in=["pending", "sending"]),
                         name="digest_open"),
        ]

    def __str__(self):
        return f"{self.period} digest for {self.user_id}: {self.state}"
