from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.models import Locale

from . import progress
from .models.pages import LearningPackagePage, lessons_by_package

REPORT_PERMISSION = "learning.view_learning_report"


def report(request):
    """Per package: participants who started, completed, and the median progress."""
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    packages = list(LearningPackagePage.objects.filter(locale=Locale.get_default())
                    .order_by("path"))
    rows = progress.report(packages, lessons_by_package(packages))
    return TemplateResponse(request, "learning/admin/report.html", {"rows": rows})
