from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.models import Locale

from . import progress

REPORT_PERMISSION = "learning.view_learning_report"


def report(request):
    """Per package: participants who started, completed, and the median progress."""
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    rows = progress.report(Locale.get_default())
    return TemplateResponse(request, "learning/admin/report.html", {"rows": rows})
