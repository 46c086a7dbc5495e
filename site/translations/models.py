from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceContent(models.Model):
    """No table: carries the right to change content in the source language (Dutch).

    Wagtail gives snippet rights per model, not per language. Translators may
    change topics and events to translate them; only people with this right
    may change the Dutch originals (see translations/permissions.py).
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("change_source_content", _("Can change content in the source language"))]

    def __str__(self):
        return "source content"
