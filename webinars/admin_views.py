import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pages.exports import spreadsheet_safe

from .models.pages import WebinarPage
from .models.records import Registration

PERMISSION = "webinars.view_registrations"


def registrations(request, page_id):
    """Who registered for a webinar (all languages together), on screen or as CSV."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    webinar = get_object_or_404(WebinarPage, pk=page_id)
    rows = (Registration.objects.filter(webinar_key=webinar.translation_key)
            .select_related("user").order_by("status", "created_at", "pk"))
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"{slugify(webinar.title)}-{timezone.localdate():%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # so spreadsheet programs read the accents right
        writer = csv.writer(response)
        writer.writerow([_("Name"), _("Email address"), _("Organisation"),
                         _("Organisation type"), _("Status"), _("Registered at")])
        for row in rows:
            writer.writerow([
                spreadsheet_safe(row.user.full_name), row.user.email,
                spreadsheet_safe(row.user.organisation), row.user.get_organisation_type_display(),
                row.get_status_display(),
                timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M"),
            ])
        return response
    registered = [row for row in rows if not row.is_waiting]
    waiting = [row for row in rows if row.is_waiting]
    return TemplateResponse(request, "webinars/admin/registrations.html", {
        "webinar": webinar, "registered": registered, "waiting": waiting,
    })

