"""Versioned consent texts: what a member agrees to, one number per wording.

The catalogue (projects) and the member directory (profiles) each keep their
own texts and records; the numbering and the admin form are the same rule,
kept here. A text model has ``kind``, ``version``, ``text_nl`` and ``text_en``
and a unique constraint on (kind, version).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _


def current_text(model, kind):
    """The version of ``kind`` asked now (the highest)."""
    return model.objects.filter(kind=kind).order_by("-version").first()


def add_text(text):
    """Save ``text``, a new wording, as the next version of its kind (one after the
    highest). Two added at once both get a number: the one that loses the unique
    constraint (kind, version) counts again, after the other committed."""
    model = type(text)
    attempts = 20
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                last = model.objects.filter(kind=text.kind).aggregate(
                    last=Max("version"))["last"]
                text.version = (last or 0) + 1
                text.save(force_insert=True)
                return text
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    return text


class ConsentTextForm(forms.ModelForm):
    """The admin's form for a new wording: numbered after the last one of its kind."""

    class Meta:
        fields = ["kind", "text_nl", "text_en"]

    def save(self, commit=True):
        if self.instance.pk is not None:
            raise ValidationError(_("A consent text is never changed: add a new version."))
        if not commit:
            return self.instance  # numbered only when saved, by add_text
        return add_text(self.instance)
