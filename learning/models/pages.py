"""The learning section's pages: the section, its packages and their lessons.

A lesson's extra URLs (marking it done or not, answering a self-check) are
routes of the lesson page, each handed to its view in learning/views.py.
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

import analytics
import caching
from pages.models import PAGE_TRANSLATABLE_FIELDS, SectionIndexPage
from pages.visibility import visible_pages
from topics.forms import TopicsPageForm
from topics.models import Topic

from .. import progress, views
from ..blocks import LessonBodyBlock

INTRO_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Level(models.TextChoices):
    INTRODUCTION = "introduction", _("Introduction")
    IN_DEPTH = "in_depth", _("In depth")


class LearningIndexPage(SectionIndexPage):
    """The learning section: every package, with each member's progress."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    subpage_types = ["learning.LearningPackagePage"]
    template = "learning/learning_index_page.html"

    class Meta:
        verbose_name = _("learning section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        packages = (
            LearningPackagePage.objects.child_of(self).live().specific()
            .select_related("cover_image").prefetch_related("topics")
        )
        level = request.GET.get("level")
        if level in Level.values:
            packages = packages.filter(level=level)
        topics = Topic.objects.filter(locale_id=self.locale_id).order_by("name")
        topic_slug = request.GET.get("topic")
        chosen_topic = next((t for t in topics if t.slug == topic_slug), None)
        packages = visible_pages(request.user, packages)
        if chosen_topic is not None:
            packages = [
                p for p in packages
                if chosen_topic.translation_key in {t.translation_key for t in p.topics.all()}
            ]
        context.update(
            packages=progress.with_progress(request.user, packages,
                                            lessons_by_package(packages)),
            levels=Level.choices,
            chosen_level=level if level in Level.values else "",
            topics=topics,
            chosen_topic=chosen_topic,
        )
        return context


class LearningPackagePage(Page):
    """A learning package: ordered lessons on one subject, for one level."""

    summary = models.TextField(_("summary"), max_length=600)
    cover_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("cover image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices,
                             default=Level.INTRODUCTION)
    duration_minutes = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"), default=30,
        help_text=_("Roughly how long the whole package takes."),
    )
    topics = ParentalManyToManyField("topics.Topic", verbose_name=_("topics"), blank=True)
    objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("Learning objective"), max_length=300,
                                        icon="tick"))],
        verbose_name=_("learning objectives"), blank=True,
        help_text=_("What participants will know or be able to do afterwards."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("level"), FieldPanel("duration_minutes"),
             FieldPanel("topics", widget=forms.CheckboxSelectMultiple)],
            heading=_("About this package"),
        ),
        FieldPanel("objectives"),
    ]
    base_form_class = TopicsPageForm
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("objectives"),
        SynchronizedField("cover_image"),
        SynchronizedField("level"),
        SynchronizedField("duration_minutes"),
        SynchronizedField("topics"),
    ]
    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types = ["learning.LessonPage"]
    template = "learning/learning_package_page.html"

    class Meta:
        verbose_name = _("learning package")

    @cached_property
    def localized_topics(self):
        return list(self.topics.all().in_locale(self.locale_id).order_by("name"))

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def lessons_for(self, user):
        """The live lessons ``user`` may open, in order (pages/visibility.py)."""
        return visible_pages(user, self.lessons())

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            analytics.record_view(request, self)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["progress"] = progress.for_package(request.user, self,
                                                   self.lessons_for(request.user))
        return context


class LessonPage(RoutablePageMixin, Page):
    """One lesson of a package: text, images, video, downloads and self-checks."""

    summary = models.TextField(_("summary"), blank=True, max_length=400)
    duration_minutes = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"), default=10
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("lesson"))
    complete_on_correct_answers = models.BooleanField(
        _("answering every self-check correctly completes the lesson"), default=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("complete_on_correct_answers")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("duration_minutes"),
        SynchronizedField("complete_on_correct_answers"),
    ]
    parent_page_types = ["learning.LearningPackagePage"]
    subpage_types = []
    template = "learning/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def package(self):
        return LearningPackagePage.objects.get(path=self.path[: -self.steplen])

    def analytics_topics(self):
        """A lesson is about its package's topics (see analytics.recording.topic_keys)."""
        return self.package

    def outline(self, request):
        """(package, its live lessons, the page above the package): the same for
        every member, so kept in the "pages" scope of the shared cache. Lessons
        the reader may not open are left out per request (see get_context)."""
        def read():
            package = self.package
            return package, list(package.lessons()), package.get_parent()
        if "_outline" not in self.__dict__:
            if getattr(request, "is_preview", False) or self.pk is None:
                self._outline = read()
            else:
                self._outline = caching.remember("pages", ("lesson-outline", self.pk), read)
                self.__dict__.setdefault("package", self._outline[0])
        return self._outline

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        package, lessons, above = self.outline(request)
        lessons = visible_pages(request.user, lessons)
        context.update(
            package=package,
            package_parent=above,
            progress=progress.for_package(request.user, package, lessons, current=self),
            self_check_answers=progress.answers_for(request.user, self),
        )
        return context

    def following_for(self, user):
        """The next live lesson of the package that ``user`` may open, or None."""
        following = self.get_next_siblings().live().type(LessonPage)
        return next(iter(visible_pages(user, following)), None)

    @path("")
    def lesson(self, request):
        return views.lesson(request, self)

    @path("complete/", name="complete")
    def complete(self, request):
        return views.complete(request, self)

    @path("undo/", name="undo")
    def undo(self, request):
        return views.undo(request, self)

    @path("answer/", name="answer")
    def answer(self, request):
        return views.answer(request, self)


def lessons_by_package(packages):
    """{package pk: its live lessons in order}, in one query."""
    if not packages:
        return {}
    condition = Q()
    for package in packages:
        condition |= Q(path__startswith=package.path, depth=package.depth + 1)
    grouped = {package.path: [] for package in packages}
    lessons = (
        LessonPage.objects.live().filter(condition).order_by("path")
        .only("id", "path", "depth", "title", "slug", "url_path", "translation_key", "locale_id",
              "duration_minutes")
    )
    for lesson in lessons:
        grouped[lesson.path[: -lesson.steplen]].append(lesson)
    return {package.pk: grouped[package.path] for package in packages}
