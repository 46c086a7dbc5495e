"""A participant's place in a webinar: the one data model of the webinars app.

Kept by the webinar's translation key, so that every language version shares
the places; registrations.py gives and takes them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Registration(models.Model):
    """A participant's place in a webinar (or on its waiting list), in any language."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="webinar_registrations")
    webinar_key = models.UUIDField(db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "webinar_key"],
                                               name="one_registration_per_webinar")]

    def __str__(self):
        return f"{self.user_id} · {self.webinar_key} · {self.status}"

    @property
    def is_waiting(self):
        return self.status == self.Status.WAITING
