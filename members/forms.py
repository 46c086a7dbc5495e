"""The forms of the people layer: one's own profile, the relay, the directory's filters.

Every field a member types in is a usertext field (lengths count what is
shown; invisible or disguised text is refused). Expertise is chosen among the
topics of the reader's language and kept as the default-language versions,
as the catalogue does, so one filter works in both languages.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from accounts.models import OrganisationType
from topics.models import Topic
from usertext.fields import LineField, MarkdownTextField, TextField

from . import profiles
from .models.records import SPOKEN_LANGUAGES

MARKDOWN_HELP = _("Markdown works: **bold**, *italic*, lists with - or 1., > quotes and links.")


def source_version(topic):
    """The default-language version of ``topic``: what profiles point at."""
    source = Locale.get_default()
    return topic if topic.locale_id == source.pk else topic.get_translation(source)


class TopicMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, topic):
        return topic.name


class ProfileForm(forms.Form):
    job_title = LineField(label=_("Job title"), max_length=200, required=False)
    bio = MarkdownTextField(label=_("About me"), max_length=3000, required=False,
                            help_text=MARKDOWN_HELP, widget=forms.Textarea(attrs={"rows": 6}))
    expertise = TopicMultipleChoiceField(
        label=_("Expertise"), queryset=Topic.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The product groups and themes you know about."))
    languages = forms.MultipleChoiceField(label=_("Languages I speak"), required=False,
                                          choices=SPOKEN_LANGUAGES,
                                          widget=forms.CheckboxSelectMultiple)
    photo = forms.FileField(
        label=_("Photo"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,"
                                                         "image/gif"}),
        help_text=_("A JPEG, PNG, WebP or GIF picture. It is cut to a square and made "
                    "small; nothing else about the file is kept. Without a photo your "
                    "initials are shown."))
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    consent_directory = forms.BooleanField(label=_("Show my profile to other members"),
                                           required=False)
    consent_email = forms.BooleanField(label=_("Show my email address on my profile"),
                                       required=False)

    def __init__(self, *args, locale, consent_texts=None, has_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = Topic.objects.filter(locale=locale).order_by(
            "kind", "name")
        self.fields["photo"].widget = forms.FileInput(
            attrs=self.fields["photo"].widget.attrs)
        if not has_photo:
            del self.fields["remove_photo"]
        for kind, text in (consent_texts or {}).items():
            if text is not None:
                self.fields[f"consent_{kind}"].help_text = text.text

    def clean_expertise(self):
        return [source_version(topic) for topic in self.cleaned_data["expertise"]]

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        try:
            return profiles.photo_jpeg(upload)
        except profiles.BadPhoto as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        data = super().clean()
        if data.get("consent_email") and not data.get("consent_directory"):
            self.add_error("consent_email", _(
                "Your email address is shown only on your profile: also tick the consent "
                "to show your profile, or leave this one empty."))
        return data


class ContactForm(forms.Form):
    # The subject becomes the email's Subject header: one line (LineField).
    subject = LineField(label=_("Subject"), max_length=150, min_length=3)
    message = TextField(label=_("Your message"), max_length=5000, min_length=10,
                        widget=forms.Textarea(attrs={"rows": 6}))


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation"), required=False, max_length=100)
    organisation_type = forms.ChoiceField(required=False,
                                          choices=[("", ""), *OrganisationType.choices])
    topic = forms.SlugField(required=False, max_length=100, allow_unicode=True)
    team = forms.SlugField(required=False, max_length=120, allow_unicode=True)
    language = forms.ChoiceField(required=False, choices=[("", ""), *SPOKEN_LANGUAGES])
