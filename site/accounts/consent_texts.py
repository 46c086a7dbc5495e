"""Versioned consent texts: what a member agrees to, one number per wording.

The catalogue (projects) and the member directory (profiles) each keep their
own texts and records; the numbering and the admin form are the same rule,
kept here. A text model is a ``VersionedConsentText``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet


class VersionedConsentText(models.Model):
    """What a consent text model has; each sets ``kind``'s choices, its verbose name
    and the unique constraint on (kind, version) with a name of its own."""

    kind = models.CharField(_("consent"), max_length=10)
    version = models.PositiveSmallIntegerField(_("version"))
    text_nl = models.TextField(_("text in Dutch"))
    text_en = models.TextField(_("text in English"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["kind", "-version"]

    def __str__(self):
        return f"{self.kind} v{self.version}"

    @property
    def text(self):
        """The wording in the active language."""
        return self.text_en if (get_language() or "nl").startswith("en") else self.text_nl


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


def form_for(model):
    """The ConsentTextForm for ``model``'s texts."""
    return type(f"{model.__name__}Form", (ConsentTextForm,), {
        "Meta": type("Meta", (ConsentTextForm.Meta,), {"model": model})})


def admin_viewset(model, name, *, menu_label, icon, menu_order):
    """The admin's list of every version of ``model``'s texts and the form for a new
    one (coordinators); each app registers its own under ``name``."""
    form_class = form_for(model)

    class ConsentTextViewSet(ModelViewSet):
        list_display = ["kind", "version", "created_at"]
        list_filter = ["kind"]
        form_fields = ["kind", "text_nl", "text_en"]
        add_to_admin_menu = True

        def get_form_class(self, for_update=False):
            return form_class

    return ConsentTextViewSet(name, model=model, menu_label=menu_label, icon=icon,
                              menu_order=menu_order)
