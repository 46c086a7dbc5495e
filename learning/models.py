from django import forms
from django.conf import settings
from django.db import models
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

import analytics
import caching
from analytics.kinds import Kind
from pages.models import PAGE_TRANSLATABLE_FIELDS, SectionIndexPage
from pages.visibility import visible_pages
from topics.forms import TopicsPageForm
from topics.models import Topic

from . import progress
from .blocks import LessonBodyBlock

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
            packages=progress.with_progress(request.user, packages),
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


class LessonPage(Page):
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

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return self._handle_post(request)
        if request.user.is_authenticated and not getattr(request, "is_preview", False):
            self.outline(request)  # the package, from the cache, for what follows
            progress.record_visit(request.user, self)
        response = super().serve(request, *args, **kwargs)
        if response.status_code == 200:
            analytics.record_view(request, self)
        return response

    def _handle_post(self, request):
        if not request.user.is_authenticated:
            raise Http404
        action = request.POST.get("action")
        if action == "complete":
            if progress.mark_complete(request.user, self):
                analytics.record(request, self, Kind.LESSON_COMPLETED)
            following = progress.lesson_after(self, request.user)
            return redirect(following.url if following else self.package.url)
        if action == "undo":
            progress.mark_incomplete(request.user, self)
            return redirect(self.url)
        if action == "answer":
            return self._answer(request)
        return redirect(self.url)

    def _answer(self, request):
        question_id = request.POST.get("question", "")
        outcome = progress.answer_question(
            request.user, self, question_id, request.POST.getlist("option")
        )
        if outcome is None:
            raise Http404
        if outcome.lesson_completed:
            analytics.record(request, self, Kind.LESSON_COMPLETED)
        if request.headers.get("X-Requested-With") != "fetch":
            return redirect(f"{self.url}#question-{question_id}")
        # With JavaScript: the re-rendered question (and lesson status) in place.
        for child in self.body:
            if child.id == question_id:
                question_html = child.render(
                    {"id": child.id, "request": request, "page": self,
                     "csrf_token": get_token(request),
                     "self_check_answers": {question_id: outcome.answer},
                     "question_error": outcome.error}
                )
                break
        status_html = render_to_string(
            "learning/includes/lesson_status.html",
            {"page": self, "progress": progress.for_package(
                request.user, self.package, self.package.lessons_for(request.user),
                current=self)},
            request=request,
        )
        return JsonResponse({
            "question_html": question_html,
            "status_html": status_html,
            "lesson_completed": outcome.lesson_completed,
        })


class LessonProgress(models.Model):
    """Where one member stands with one lesson, whatever the language they read it in.

    Lessons and packages are identified by their wagtail-localize translation
    key, shared by the Dutch page and its English translation.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="lesson_progress")
    package_key = models.UUIDField()
    lesson_key = models.UUIDField()
    first_visited_at = models.DateTimeField(auto_now_add=True)
    last_visited_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key"], name="one_progress_per_lesson"),
        ]
        indexes = [models.Index(fields=["user", "package_key"]),
                   models.Index(fields=["package_key"])]
        permissions = [("view_learning_report", _("Can see the learning report"))]

    def __str__(self):
        state = "done" if self.completed_at else "visited"
        return f"{self.user_id} · {self.lesson_key} · {state}"


class SelfCheckAnswer(models.Model):
    """A member's latest answer to one self-check question."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="self_check_answers")
    lesson_key = models.UUIDField()
    question_id = models.CharField(max_length=64)
    selected = models.JSONField(default=list)
    correct = models.BooleanField(default=False)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("self-check answer")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key", "question_id"],
                                    name="one_answer_per_question"),
        ]

    def __str__(self):
        return f"{self.user_id} · {self.question_id} · {'right' if self.correct else 'wrong'}"
