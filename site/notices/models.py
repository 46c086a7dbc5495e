"""What the platform told a member, and which emails they want.

``Notification``: one thing that happened for its recipient, in the
language they read at the time (text and email body rendered once, when it
was made), with where to look, whether it was read and, when it is emailed,
how far its email got (``email_state``; notices/tasks.py moves it on).

``EmailChoice``: a member's choice for one kind of email; without a row the
kind's default applies (notices/kinds.py). ``DigestChoice``: how often they
want the digest; without a row, weekly.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailState(models.TextChoices):
    NONE = "", _("no email")
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("could not be sent")
    SKIPPED = "skipped", _("not sent")


# The states in which an email may still leave (tasks.py).
EMAIL_OPEN = (EmailState.PENDING, EmailState.SENDING)


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(max_length=64)
    language = models.CharField(max_length=8)
    text = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    # Files for the email only (a calendar file): [{"filename", "content", "mimetype"}],
    # text; emptied once the email is sent.
    attachments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(max_length=8, choices=EmailState.choices, blank=True,
                                   default=EmailState.NONE)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    # When the next attempt is due (PENDING), or when the current one began (SENDING).
    email_due_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notice_list"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True),
                         name="notice_unread"),
            models.Index(fields=["email_due_at"],
                         condition=Q(email_state__in=["pending", "sending"]),
                         name="notice_email_open"),
        ]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id}: {self.text}"

    @property
    def unread(self):
        return self.read_at is None


class EmailChoice(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="email_choices")
    kind = models.CharField(max_length=64)
    wanted = models.BooleanField()
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"],
                                               name="email_choice_once")]

    def __str__(self):
        return f"{self.user_id} {'wants' if self.wanted else 'refuses'} {self.kind}"


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    NEVER = "never", _("Never")


class DigestChoice(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="digest_choice")
    frequency = models.CharField(max_length=8, choices=DigestFrequency.choices,
                                 default=DigestFrequency.WEEKLY)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.user_id}: digest {self.frequency}"
