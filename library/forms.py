from django import forms
from wagtail.documents.forms import BaseDocumentForm
from wagtail.models import Locale


class LibraryDocumentForm(BaseDocumentForm):
    """The admin's document form: topics and events offered in the source language.

    Documents are not translated, so they point at the Dutch topic and event;
    the site shows them in the reader's language.
    """

    class Meta(BaseDocumentForm.Meta):
        widgets = {**BaseDocumentForm.Meta.widgets, "topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = Locale.get_default()
        for name in ("topics", "event"):
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(locale=source)
