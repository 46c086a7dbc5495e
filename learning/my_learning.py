"""The member's own page, "my learning": the packages they started, in progress
and completed, each with where to continue (learning/urls.py)."""

from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Locale

from pages.sections import section_page
from pages.visibility import visible_pages

from . import progress
from .models.pages import LearningIndexPage, LearningPackagePage, lessons_by_package
from .models.records import LessonProgress


def view(request):
    """The member's packages: in progress (with where to continue) and completed."""
    locale = Locale.get_active()
    in_progress, done = started_packages(request.user, locale)
    return TemplateResponse(request, "learning/my_learning.html", {
        "in_progress": in_progress,
        "done": done,
        # None when the member may not enter it: no link then.
        "learning_index": section_page(request, LearningIndexPage),
    })


def started_packages(user, locale):
    """The packages a member has started, in ``locale`` where translated: (in progress, done)."""
    keys = set(
        LessonProgress.objects.filter(user=user).values_list("package_key", flat=True).distinct()
    )
    candidates = LearningPackagePage.objects.live().filter(translation_key__in=keys)
    chosen = {}
    # Progress stays when a package closes to the member; the package is not listed.
    for package in visible_pages(user, candidates.select_related("cover_image")):
        # Prefer the member's language; fall back on any live version.
        if package.translation_key not in chosen or package.locale_id == locale.pk:
            chosen[package.translation_key] = package
    packages = list(chosen.values())
    summaries = progress.with_progress(user, packages, lessons_by_package(packages))
    summaries.sort(key=lambda item: item[1].last_activity or timezone.now(), reverse=True)
    in_progress = [item for item in summaries if not item[1].finished]
    done = [item for item in summaries if item[1].finished]
    return in_progress, done
