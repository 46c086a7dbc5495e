from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from accounts.identity import normalise_email
from accounts.models import OrganisationType
from library.uploads import extension_of, validate_upload
from pages.models import SiteLanguage
from topics.ambition_map import GOALS, STRATEGIES
from topics.models import Topic, TopicKind
from usertext.fields import LineField, MarkdownTextField, TextField

from . import consent
from .models.records import CoOwnerInvitation, Phase

MARKDOWN_HELP = _("Markdown works: **bold**, *italic*, lists with - or 1., > quotes and links.")
DOCUMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odp"]


def source_version(topic):
    """The Dutch (source) version of a topic: what projects point at, in every language."""
    source = Locale.get_default()
    return topic if topic.locale_id == source.pk else topic.get_translation(source)


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, topic):
        return topic.name


class TopicMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, topic):
        return topic.name


class StrategyField(forms.MultipleChoiceField):
    """Strategies of the ambition map; the template draws them as the map (one row a goal)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=lambda: [(code, str(s)) for code, s in STRATEGIES.items()],
                         **kwargs)


def _year_choices():
    return timezone.now().year + 1


class ProjectForm(forms.Form):
    title = LineField(label=_("Project title"), max_length=200, min_length=3)
    language = forms.ChoiceField(label=_("Language you write in"),
                                 choices=SiteLanguage.choices)
    organisation = LineField(label=_("Organisation"), max_length=200)
    organisation_type = forms.ChoiceField(label=_("Organisation type"),
                                          choices=OrganisationType.choices)
    product_group = TopicChoiceField(label=_("Product group"), queryset=Topic.objects.none(),
                                     required=False, empty_label=_("Choose a product group"))
    themes = TopicMultipleChoiceField(label=_("Themes"), queryset=Topic.objects.none(),
                                      required=False, widget=forms.CheckboxSelectMultiple)
    strategies = StrategyField(label=_("Strategies of the circular ambition map"),
                               required=False)
    phase = forms.ChoiceField(label=_("Phase reached"), choices=Phase.choices,
                              widget=forms.RadioSelect, initial=Phase.BASELINE)
    baseline_text = TextField(label=_("Baseline: business as usual"), required=False,
                              max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    ambition_text = TextField(label=_("Ambition: what you want to achieve"), required=False,
                              max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    contract_text = TextField(label=_("Contract: what was agreed"), required=False,
                              max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    impact_text = TextField(label=_("Realised impact: what was delivered"), required=False,
                            max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    description = MarkdownTextField(label=_("Description"), max_length=20_000, min_length=10,
                                    help_text=MARKDOWN_HELP,
                                    widget=forms.Textarea(attrs={"rows": 6}))
    lessons = MarkdownTextField(label=_("Lessons learned"), max_length=20_000, required=False,
                                help_text=MARKDOWN_HELP,
                                widget=forms.Textarea(attrs={"rows": 4}))
    year = forms.IntegerField(label=_("Year"), min_value=2000)
    contact_name = LineField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact email address"), max_length=254)
    contact_phone = forms.RegexField(
        label=_("Contact phone number"), required=False, max_length=40,
        regex=r"^[0-9+()./ -]{6,40}$",
        error_messages={"invalid": _("Use digits, spaces and + ( ) . / - only.")})
    co_owners = forms.CharField(
        label=_("Co-owners"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Email addresses of colleagues on Leerkring who may edit this project, "
                    "one per line. Each is invited and becomes a co-owner after accepting."))
    document = forms.FileField(
        label=_("Add a document"), required=False,
        help_text=_("A tender text or another PDF, DOCX, XLSX, PPTX or ODP file. Only those "
                    "who may see the project can download it."))
    document_title = LineField(label=_("Title of the document"), required=False,
                               max_length=200)
    remove_documents = forms.MultipleChoiceField(label=_("Remove documents"), required=False,
                                                 widget=forms.CheckboxSelectMultiple)
    consent_listing = forms.BooleanField(label=_("Show this project to other participants"),
                                         required=False)
    consent_contact = forms.BooleanField(
        label=_("Show the contact person's name, email address and phone number with it"),
        required=False)

    def __init__(self, *args, locale, user, project=None, consent_texts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.project = project
        topics = Topic.objects.filter(locale=locale).order_by("name")
        self.fields["product_group"].queryset = topics.filter(kind=TopicKind.PRODUCT_GROUP)
        self.fields["themes"].queryset = topics.filter(kind=TopicKind.THEME)
        self.fields["year"].max_value = _year_choices()
        self.fields["year"].validators.append(_max_year)
        if project is None:
            del self.fields["remove_documents"]
        else:
            self.fields["remove_documents"].choices = [
                (str(d.pk), d.title) for d in project.documents.all()]
            if not self.fields["remove_documents"].choices:
                del self.fields["remove_documents"]
        for kind, text in (consent_texts or {}).items():
            if text is not None:
                self.fields[f"consent_{kind}"].help_text = text.text
        self.strategy_rows = GOALS

    def clean_product_group(self):
        topic = self.cleaned_data["product_group"]
        return source_version(topic) if topic else None

    def clean_themes(self):
        return [source_version(t) for t in self.cleaned_data["themes"]]

    def clean_co_owners(self):
        """The addresses, normalised (accounts.identity). Any well-formed address that
        fits the column is accepted alike, member or not (invitations.py): the form
        never tells who has an account."""
        text = self.cleaned_data["co_owners"]
        addresses = sorted({normalise_email(line) for line in text.replace(",", "\n")
                            .splitlines() if line.strip()})
        longest = CoOwnerInvitation._meta.get_field("email").max_length
        malformed = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                malformed.append(address)
            else:
                if len(address) > longest:
                    malformed.append(address)
        if malformed:
            raise ValidationError(
                _("Check these email addresses: %(addresses)s. Give one address per line."),
                params={"addresses": ", ".join(malformed)[:300]})
        return [a for a in addresses if a != self.user.email]

    def clean_document(self):
        file = self.cleaned_data.get("document")
        if not file:
            return None
        if extension_of(file.name) not in DOCUMENT_EXTENSIONS:
            raise ValidationError(_("Upload a PDF, DOCX, XLSX, PPTX or ODP file."))
        validate_upload(file)
        return file

    def clean(self):
        data = super().clean()
        if data.get("document") and not data.get("document_title"):
            data["document_title"] = data["document"].name.rsplit(".", 1)[0][:200]
        if data.get("consent_contact") and not data.get("consent_listing"):
            self.add_error("consent_contact", _(
                "Contact details are shown only with the project: also tick the consent to "
                "show the project, or leave this one empty."))
        elif data.get("consent_contact") and "contact_email" in data:
            check_contact_grant(self, self.user, self.project, data["contact_email"],
                                data.get("co_owners") or (), changed=any(
                                    name in self.changed_data for name in
                                    ("contact_name", "contact_email", "contact_phone")))
        return data


def check_contact_grant(form, user, project, contact_email, co_owners=(), changed=False):
    """Add an error when ``user`` would agree to show a co-owner's contact details:
    each owner agrees for their own (catalogue.consent)."""
    if project is not None and not changed and consent.state(project)[consent.CONTACT]:
        return  # nothing new is agreed to
    if not consent.may_grant_contact(user, project, contact_email, co_owners):
        form.add_error("consent_contact", _(
            "The contact person is a co-owner of this project: they agree to show their own "
            "contact details, on the project's consent page. Leave this box empty, or give "
            "your own details or those of someone who is not a co-owner."))


def _max_year(value):
    limit = _year_choices()
    if value > limit:
        raise ValidationError(_("Give a year up to %(limit)s."), params={"limit": limit})


class ConsentForm(forms.Form):
    consent_listing = ProjectForm.base_fields["consent_listing"]
    consent_contact = ProjectForm.base_fields["consent_contact"]

    def __init__(self, *args, consent_texts, user=None, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.project = user, project
        for kind, text in consent_texts.items():
            if text is not None:
                self.fields[f"consent_{kind}"].help_text = text.text

    def clean(self):
        data = super().clean()
        if data.get("consent_contact") and not data.get("consent_listing"):
            self.add_error("consent_contact", _(
                "Contact details are shown only with the project: also tick the consent to "
                "show the project, or leave this one empty."))
        elif data.get("consent_contact") and self.project is not None:
            check_contact_grant(self, self.user, self.project, self.project.contact_email)
        return data


class ContactForm(forms.Form):
    # The subject becomes the email's Subject header: one line (LineField), or an
    # attacker could add headers and Django would refuse to send (a 500).
    subject = LineField(label=_("Subject"), max_length=150, min_length=3)
    message = TextField(label=_("Your message"), max_length=5000, min_length=10,
                        widget=forms.Textarea(attrs={"rows": 6}))


class CatalogueFilterForm(forms.Form):
    topic = forms.CharField(required=False, max_length=100)
    strategy = forms.ChoiceField(required=False,
                                 choices=lambda: [("", ""), *[(c, c) for c in STRATEGIES]])
    phase = forms.ChoiceField(required=False, choices=[("", ""), *Phase.choices])
    organisation_type = forms.ChoiceField(required=False,
                                          choices=[("", ""), *OrganisationType.choices])
    year = forms.IntegerField(required=False, min_value=1900, max_value=2200)

