from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

import caching
from pages.models import SectionIndexPage
from pages.visibility import collections_audience, documents_visible_to
from topics.models import Topic

from .extraction import extract_text
from .uploads import SLIDE_EXTENSIONS, VIDEO_EXTENSIONS, extension_of, validate_upload


class EventKind(models.TextChoices):
    INSPIRATION_DAY = "inspiration_day", _("Inspiration day")
    ACTION_DAY = "action_day", _("Action day")
    BUYER_MEETS_SUPPLIER = "buyer_meets_supplier", _("Buyer meets supplier")
    WEBINAR = "webinar", _("Webinar")
    OTHER = "other", _("Other event")


class Event(TranslatableMixin, index.Indexed, models.Model):
    """An event of the community whose slides are shared afterwards."""

    name = models.CharField(_("name"), max_length=200)
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("date"), FieldPanel("kind"), FieldPanel("place")]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("place"),
        SynchronizedField("date"),
        SynchronizedField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "name"]

    def __str__(self):
        return f"{self.name} ({self.date:%d-%m-%Y})"


class SlideLanguage(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    OTHER = "other", _("Other language")


class LibraryDocument(AbstractDocument):
    """Every uploaded document: slide decks, reports, templates and videos.

    Documents are not translated (a deck is in the language it was given
    in); their topics and event point at the Dutch (source) versions and are
    shown in the reader's language.
    """

    description = models.TextField(_("description"), blank=True, max_length=2000)
    topics = models.ManyToManyField("topics.Topic", verbose_name=_("topics"), blank=True,
                                    related_name="documents")
    event = models.ForeignKey(Event, verbose_name=_("event"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="documents")
    language = models.CharField(_("language of the document"), max_length=8,
                                choices=SlideLanguage.choices, default=SlideLanguage.DUTCH)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True,
                                help_text=_("Names, separated by commas."))
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Leave empty to take the year of the event."),
    )
    extracted_text = models.TextField(_("text in the file"), blank=True, editable=False)

    admin_form_fields = ("title", "file", "collection", "description", "topics", "event",
                         "language", "speakers", "year", "tags")
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.SearchField("speakers"),
        index.SearchField("extracted_text"),
        index.FilterField("language"),
        index.FilterField("year"),
    ]

    class Meta(AbstractDocument.Meta):
        # Wagtail checks document rights against wagtaildocs.Document's
        # permissions, whichever model stores the documents.
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def clean(self):
        # Our checks first: their messages say what to do (Wagtail's lists extensions).
        if self.file and not getattr(self.file, "_committed", True):
            try:
                validate_upload(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
        super().clean()

    def _set_document_file_metadata(self):
        super()._set_document_file_metadata()
        with self.open_file() as file:
            self.extracted_text = extract_text(file, self.extension)

    def save(self, *args, **kwargs):
        if self.year is None and self.event_id:
            self.year = self.event.date.year
        super().save(*args, **kwargs)

    @property
    def extension(self):
        return extension_of(self.file.name)

    @property
    def is_video(self):
        return self.extension in VIDEO_EXTENSIONS


class LibraryPage(SectionIndexPage):
    """The slide library: every deck and document, filterable and sortable."""

    template = "library/library_page.html"
    per_page = 20

    class Meta:
        verbose_name = _("slide library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The choices are the same for members who may see the same collections
        # (the years come from the documents they may see): kept until
        # documents, events or topics change ("library" and "topics" scopes).
        audience = collections_audience(request.user, request)
        options = caching.remember(
            ("library", "topics", "collections"), ("library-filters", self.locale_id, audience),
            lambda: filter_options(self.locale, request.user))
        form = LibraryFilterForm(request.GET or None, options=options)

        def listing_html():
            documents = library_documents(request.user)
            if form.is_valid():
                documents = form.filter(documents)
            page_obj = Paginator(documents, self.per_page).get_page(request.GET.get("page"))
            rows = list(page_obj.object_list)
            localize(rows, self.locale)
            query = request.GET.copy()
            query.pop("page", None)
            return render_to_string("library/includes/listing.html", {
                "page": self, "form": form, "page_obj": page_obj, "documents": rows,
                "filter_query": query.urlencode(),
                "filtered": form.is_bound and form.has_filters(),
            }, request=request)

        # Members who may see the same collections see the same list: it is
        # rendered once per filter choice and kept until a document, an event,
        # a collection or a topic changes.
        key = self._listing_key(request, form)
        html = listing_html() if key is None else caching.remember(
            ("library", "topics", "collections", "pages"), key, listing_html)
        context["listing_html"] = mark_safe(html)  # rendered by our template, escaped
        return context

    _FILTERS = {"q", "topic", "event", "language", "year", "type", "sort", "page"}

    def _listing_key(self, request, form):
        """The cache key of this listing, or None for queries the page's own
        filters do not make (words typed, unknown parameters, invalid values):
        those are rendered afresh, so that nobody can fill the cache at will."""
        filters = caching.filter_query_key(request.GET, self._FILTERS)
        if filters is None or request.GET.get("q") or (form.is_bound and not form.is_valid()):
            return None
        audience = collections_audience(request.user, request)
        return ("library-listing", self.locale_id, get_language(), audience, filters)


def library_documents(user):
    """The documents the library lists for ``user``: slides, not videos."""
    extensions = models.Q()
    for extension in SLIDE_EXTENSIONS:
        extensions |= models.Q(file__iendswith=f".{extension}")
    return (
        documents_visible_to(user, LibraryDocument.objects.filter(extensions))
        .select_related("event").prefetch_related("topics")
        .order_by(models.F("year").desc(nulls_last=True), "-created_at", "-pk")
    )


def localize(documents, locale):
    """Give each document ``shown_topics`` and ``shown_event`` in ``locale`` (two queries)."""
    topic_keys = {t.translation_key for d in documents for t in d.topics.all()}
    topics = {t.translation_key: t
              for t in Topic.objects.filter(translation_key__in=topic_keys, locale=locale)}
    event_keys = {d.event.translation_key for d in documents if d.event}
    events = {e.translation_key: e
              for e in Event.objects.filter(translation_key__in=event_keys, locale=locale)}
    for document in documents:
        document.shown_topics = sorted(
            (topics.get(t.translation_key, t) for t in document.topics.all()),
            key=lambda topic: topic.name,
        )
        document.shown_event = (events.get(document.event.translation_key, document.event)
                                if document.event else None)


def filter_options(locale, user):
    """(topics by slug, events by translation key, years): the filters' choices.

    Years are those of the documents the library lists for ``user``: a year
    only private documents have would tell an outsider they exist.
    """
    topics = {t.slug: t for t in Topic.objects.filter(locale=locale).order_by("name")}
    events = {str(e.translation_key): e for e in Event.objects.filter(locale=locale)}
    years = list(library_documents(user).exclude(year=None).prefetch_related(None)
                 .order_by("-year").values_list("year", flat=True).distinct())
    return topics, events, years


class LibraryFilterForm(forms.Form):
    SORTS = [("newest", _("Newest first")), ("title", _("Title"))]

    q = forms.CharField(label=_("Words in the title or description"), required=False,
                        max_length=100)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    event = forms.ChoiceField(label=_("Event"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(label=_("File type"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.topics, self.events, years = options  # filter_options() for the reader
        self.fields["topic"].choices = everything + [(s, t.name) for s, t in self.topics.items()]
        self.fields["event"].choices = everything + [(k, str(e)) for k, e in self.events.items()]
        self.fields["language"].choices = everything + list(SlideLanguage.choices)
        self.fields["year"].choices = everything + [(y, y) for y in years]
        self.fields["type"].choices = everything + [(e, e.upper()) for e in SLIDE_EXTENSIONS]

    def has_filters(self):
        return any(self.cleaned_data.get(name) for name in
                   ("q", "topic", "event", "language", "year", "type"))

    def filter(self, documents):
        data = self.cleaned_data
        if data.get("q"):
            words = data["q"].split()
            for word in words[:8]:
                documents = documents.filter(models.Q(title__icontains=word)
                                             | models.Q(description__icontains=word))
        if data.get("topic"):
            documents = documents.filter(
                topics__translation_key=self.topics[data["topic"]].translation_key
            )
        if data.get("event"):
            documents = documents.filter(event__translation_key=data["event"])
        if data.get("language"):
            documents = documents.filter(language=data["language"])
        if data.get("year"):
            documents = documents.filter(year=data["year"])
        if data.get("type"):
            documents = documents.filter(file__iendswith=f".{data['type']}")
        if data.get("sort") == "title":
            return documents.order_by("title", "-pk")
        return documents

