from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .models import REPORT_PERMISSION


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/topics/", admin_views.report, name="analytics_report"),
        path("reports/topics/export.csv", admin_views.export, name="analytics_export"),
        path("reports/topics/<uuid:topic_key>/", admin_views.topic, name="analytics_topic"),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(_("Interest per topic"), reverse("analytics_report"),
                          icon_name="view", order=110)
