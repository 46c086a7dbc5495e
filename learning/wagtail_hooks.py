from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale

import caching
from pages.sections import section_page
from pages.visibility import visible_pages

from . import admin_views, personal_data, progress, whats_new
from .models import LearningIndexPage, LearningPackagePage, LessonProgress


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("reports/learning/", admin_views.report, name="learning_report")]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(_("Learning"), reverse("learning_report"), icon_name="tasks", order=100)


@hooks.register("leerkring_home_panels")
def continue_learning_panel(request, home):
    """The home page's "continue learning" card: the package the member worked on last."""
    locale = Locale.get_active()
    latest = (
        LessonProgress.objects.filter(user=request.user).order_by("-last_visited_at")
        .values_list("package_key", flat=True).first()
    )
    panel = {"template": "learning/home_panel.html", "order": 10, "progress": None,
             "index": section_page(request, LearningIndexPage)}
    if latest is not None:
        package, lessons = caching.remember("pages", ("package-and-lessons", latest, locale.pk),
                                            lambda: _package_and_lessons(latest, locale))
        # Kept for everyone: what this member may open is decided here.
        if package is not None and visible_pages(request.user, [package]):
            lessons = visible_pages(request.user, lessons)
            panel["package"] = package
            panel["progress"] = progress.for_package(request.user, package, lessons)
    return panel


def _package_and_lessons(translation_key, locale):
    """The live package in ``locale`` (else in any language) and its live lessons."""
    versions = LearningPackagePage.objects.live().filter(translation_key=translation_key)
    package = next((p for p in versions if p.locale_id == locale.pk), None) or versions.first()
    return package, list(package.lessons()) if package is not None else []


@hooks.register("leerkring_personal_data")
def member_data():
    """Lesson progress and self-check answers (accounts.personal_data)."""
    return personal_data.SECTION


@hooks.register("leerkring_whats_new")
def learning_news(window):
    """Learning packages and lessons published or updated (whatsnew.news)."""
    return whats_new.news(window)
