"""The email settings a member edits under My account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds, preferences
from .models import DigestFrequency


def field_name(kind):
    return "email_" + kind.key.replace(".", "_")


class PreferencesForm(forms.Form):
    """A checkbox per kind offered to the member, and the digest's frequency."""

    digest = forms.ChoiceField(
        label=_("Digest"), choices=DigestFrequency.choices, widget=forms.RadioSelect,
        help_text=_("A summary by email of what happened on the platform."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.kinds = kinds.offered_to(user)
        chosen = preferences.email_choices(user)
        self.initial.setdefault("digest", preferences.digest_frequency(user))
        kind_fields = {}
        for kind in self.kinds:
            kind_fields[field_name(kind)] = forms.BooleanField(
                label=kind.label, help_text=kind.description, required=False,
                initial=chosen[kind.key])
        # The kinds first, then the digest.
        self.fields = {**kind_fields, "digest": self.fields["digest"]}

    def kind_fields(self):
        return [self[field_name(kind)] for kind in self.kinds]

    def save(self):
        for kind in self.kinds:
            preferences.set_email(self.user, kind.key, self.cleaned_data[field_name(kind)])
        preferences.set_digest_frequency(self.user, self.cleaned_data["digest"])
