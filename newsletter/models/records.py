"""What was sent of the newsletter, and to whom.

``Dispatch``: an issue sent to the subscribers, one per issue (all its
languages share it: it names the issue by its translation key). It is made
once, when a coordinator sends; its unique key is what makes a second click
do nothing. Kept apart from the page so that publishing an older revision
or a translation can never make a sent issue look unsent.

``Delivery``: the issue to one member, one per (dispatch, member): made for
every subscriber when the dispatch is made, then claimed and sent by the
batches of newsletter/sending.py (``state``, like a notification's email).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Dispatch(models.Model):
    issue_key = models.UUIDField(unique=True)
    # The Dutch title when it was sent: the record reads well after the page is gone.
    title = models.CharField(max_length=255)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("newsletter sent")
        verbose_name_plural = _("newsletters sent")

    def __str__(self):
        return self.title


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("could not be sent")
    SKIPPED = "skipped", _("not sent")


class Delivery(models.Model):
    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="newsletter_deliveries")
    state = models.CharField(max_length=8, choices=DeliveryState.choices,
                             default=DeliveryState.PENDING)
    # The language of the copy sent (the member's, or Dutch when it had no translation).
    language = models.CharField(max_length=8, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the next attempt is due (PENDING), or when the current one began (SENDING).
    due_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dispatch", "user"],
                                               name="newsletter_delivery_once")]
        indexes = [models.Index(fields=["due_at"], condition=Q(state__in=["pending", "sending"]),
                                name="newsletter_delivery_open")]

    def __str__(self):
        return f"{self.dispatch_id} to {self.user_id}: {self.state}"
