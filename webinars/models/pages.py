"""The webinars section and its webinars, as pages.

A webinar page shows the session, then its recording; its routes (the page
itself, which also takes registrations, the play beacon, the calendar file)
hand over to views.py. Places and the waiting list are registrations.py's.
"""

import re
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.models import PAGE_TRANSLATABLE_FIELDS, SectionIndexPage
from pages.videos import parse_video_url
from pages.visibility import documents_visible_to, in_open_collection, visible_pages
from topics.forms import TopicsPageForm
from topics.models import Topic

from .. import registrations, views

JOIN_OPENS_BEFORE = timedelta(minutes=30)
_TIME = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")


def parse_timestamp(text):
    """Seconds in "m:ss" or "h:mm:ss", or None when it is neither."""
    match = _TIME.match((text or "").strip())
    if not match:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


class SpeakerBlock(blocks.StructBlock):
    """A speaker of a webinar: name, organisation and a few lines about them."""

    name = blocks.CharBlock(label=_("Name"), max_length=120)
    organisation = blocks.CharBlock(label=_("Organisation"), max_length=200, required=False)
    bio = blocks.TextBlock(label=_("Short bio"), max_length=600, required=False)

    class Meta:
        icon = "user"
        label = _("Speaker")
        template = "webinars/blocks/speaker.html"
        preview_value = {"name": "An Peeters", "organisation": "Stad Gent",
                         "bio": "Aankoper ICT en trekker van de eerste circulaire laptoptender."}


class ChapterBlock(blocks.StructBlock):
    """A chapter of a recording: where it starts and what it is about."""

    time = blocks.CharBlock(label=_("Starts at"), max_length=8,
                            help_text=_("Minutes and seconds, e.g. 12:30, or 1:02:03."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)

    class Meta:
        icon = "time"
        label = _("Chapter")
        template = "webinars/blocks/chapter.html"
        preview_value = {"time": "12:30", "title": "Vragen uit de zaal"}

    def clean(self, value):
        value = super().clean(value)
        if parse_timestamp(value["time"]) is None:
            raise StructBlockValidationError(block_errors={"time": ValidationError(
                _("Write the time as minutes:seconds (12:30) or hours:minutes:seconds."))})
        return value


class WebinarIndexPage(SectionIndexPage):
    """The webinars: upcoming sessions first, then the recordings."""

    subpage_types = ["webinars.WebinarPage"]
    template = "webinars/webinar_index_page.html"

    class Meta:
        verbose_name = _("webinars section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        webinars = (WebinarPage.objects.child_of(self).live().specific()
                    .prefetch_related("topics"))
        topics = Topic.objects.filter(locale_id=self.locale_id).order_by("name")
        chosen = next((t for t in topics if t.slug == request.GET.get("topic")), None)
        if chosen is not None:
            webinars = webinars.filter(topics__translation_key=chosen.translation_key)
        webinars = visible_pages(request.user, webinars)
        mine = registrations.statuses(request.user, webinars)
        for webinar in webinars:
            webinar.my_status = mine.get(webinar.translation_key)
        context.update(
            upcoming=sorted((w for w in webinars if w.ends_at >= now), key=lambda w: w.starts_at),
            recordings=sorted((w for w in webinars if w.ends_at < now),
                              key=lambda w: w.starts_at, reverse=True),
            topics=topics,
            chosen_topic=chosen,
        )
        return context


class WebinarPage(RoutablePageMixin, Page):
    """One webinar: announced, held, then kept as a recording."""

    summary = models.TextField(_("summary"), max_length=800)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    speakers = StreamField([("speaker", SpeakerBlock())], verbose_name=_("speakers"),
                           blank=True)
    topics = ParentalManyToManyField("topics.Topic", verbose_name=_("topics"), blank=True)
    join_url = models.URLField(
        _("join link"), blank=True, max_length=500,
        help_text=_("Shown to registered participants only, from 30 minutes before the start."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True,
        help_text=_("Leave empty when there is no limit. When it is full, people can join a "
                    "waiting list."),
    )
    recording_file = models.ForeignKey(
        get_document_model_string(), verbose_name=_("recording (uploaded video)"),
        null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    recording_url = models.URLField(_("or recording on YouTube or Vimeo"), blank=True,
                                    max_length=500)
    chapters = StreamField([("chapter", ChapterBlock())], verbose_name=_("chapters"), blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    slides = ParentalManyToManyField(get_document_model_string(), verbose_name=_("slides"),
                                     blank=True, related_name="+")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("capacity"),
                         FieldPanel("join_url")], heading=_("Session")),
        FieldPanel("speakers"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("recording_file"), FieldPanel("recording_url"),
                         FieldPanel("chapters"), FieldPanel("transcript"), FieldPanel("slides")],
                        heading=_("Recording")),
    ]
    base_form_class = TopicsPageForm
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("transcript")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS, TranslatableField("summary"),
        TranslatableField("speakers"), TranslatableField("chapters"),
        TranslatableField("transcript"),
        SynchronizedField("starts_at"), SynchronizedField("ends_at"),
        SynchronizedField("topics"), SynchronizedField("join_url"),
        SynchronizedField("capacity"), SynchronizedField("recording_file"),
        SynchronizedField("recording_url"), SynchronizedField("slides"),
    ]
    parent_page_types = ["webinars.WebinarIndexPage"]
    subpage_types = []
    template = "webinars/webinar_page.html"

    class Meta:
        verbose_name = _("webinar")
        permissions = [("view_registrations", _("Can see and export webinar registrations"))]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must come after the start.")
        if self.recording_file and self.recording_url:
            errors["recording_url"] = _("Give an uploaded video or a link, not both.")
        if self.recording_url and parse_video_url(self.recording_url) is None:
            errors["recording_url"] = _("Only YouTube and Vimeo links can be shown.")
        if self.recording_file and not self.recording_file.is_video:
            errors["recording_file"] = _("This document is not a video. Upload an MP4 or "
                                         "WebM file.")
        if errors:
            raise ValidationError(errors)

    # --- State -----------------------------------------------------------------

    @property
    def is_over(self):
        return timezone.now() >= self.ends_at

    @property
    def is_live(self):
        return self.starts_at <= timezone.now() < self.ends_at

    @property
    def join_opens_at(self):
        return self.starts_at - JOIN_OPENS_BEFORE

    @property
    def join_is_open(self):
        return bool(self.join_url) and self.join_opens_at <= timezone.now() < self.ends_at

    @property
    def has_recording(self):
        return bool(self.recording_file_id or self.recording_url)

    @cached_property
    def localized_topics(self):
        return list(self.topics.all().in_locale(self.locale_id).order_by("name"))

    @cached_property
    def external_recording(self):
        return parse_video_url(self.recording_url) if self.recording_url else None

    def chapter_links(self):
        external, file = self.external_recording, self.recording_file
        chapters = []
        for chapter in self.chapters:
            seconds = parse_timestamp(chapter.value["time"])
            if seconds is None:
                continue
            if external:
                href, embed = external.watch_url_at(seconds), external.embed_url_at(seconds)
            else:
                href, embed = (f"{file.url}#t={seconds}" if file else "#"), ""
            chapters.append({"seconds": seconds, "label": chapter.value["time"],
                             "title": chapter.value["title"], "href": href, "embed": embed})
        return chapters

    # --- Serving ------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        registration = registrations.current(request.user, self)
        # Slides and an uploaded recording obey their collection's privacy:
        # what the member may not open is not listed, not even by title.
        slides = self._slides_for(request.user) if self.is_over else []
        recording_shown = bool(self.external_recording) or bool(
            self.recording_file and in_open_collection(request.user, self.recording_file,
                                                       request))
        context.update(
            registration=registration,
            calendar_url=self.url + self.reverse_subpage("calendar"),
            places_left=registrations.places_left(self),
            chapters=self.chapter_links() if recording_shown else [],
            recording_shown=recording_shown,
            slide_documents=slides,
            waiting_position=(registrations.waiting_position(registration)
                              if registration and registration.is_waiting else None),
            play_beacon_url=self.url + self.reverse_subpage("play"),
        )
        return context

    def _slides_for(self, user):
        """The slides ``user`` may open, in the editor's order (a preview holds
        them in memory, so the rule is asked by primary key)."""
        slides = list(self.slides.all())
        if not slides:
            return []
        Document = type(slides[0])
        allowed = set(documents_visible_to(user, Document.objects.filter(
            pk__in=[slide.pk for slide in slides])).values_list("pk", flat=True))
        return [slide for slide in slides if slide.pk in allowed]

    @path("")
    def webinar(self, request):
        return views.webinar(request, self)

    @path("play/", name="play")
    def play(self, request):
        return views.play(request, self)

    @path("calendar/", name="calendar")
    def calendar_file(self, request):
        return views.calendar_file(request, self)
