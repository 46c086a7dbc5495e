from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views
from .permissions import may_change
from .status import State, report


def _protect_originals(request, instance):
    # Wagtail's snippet views check rights per model; the policy's per-instance
    # rule (translations/permissions.py) is applied here for edit and delete.
    if not may_change(request.user, instance):
        raise PermissionDenied


def _protect_originals_from_deletion(request, instances):
    for instance in instances:
        _protect_originals(request, instance)


hooks.register("before_edit_snippet", _protect_originals, order=-1)
hooks.register("before_delete_snippet", _protect_originals_from_deletion, order=-1)


@hooks.register("register_admin_urls")
def register_status_url():
    return [path("translations/", admin_views.translation_status, name="translation_status")]


class StatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_status_menu_item():
    return StatusMenuItem(_("Translation status"), reverse("translation_status"),
                          icon_name="wagtail-localize-language", order=250)


class TranslationStatusPanel(Component):
    """On the admin's front page: how much is left to translate, and where to start."""

    name = "translation_status"
    order = 10
    template_name = "translations/admin/home_panel.html"

    def get_context_data(self, parent_context):
        counts = {state: 0 for state in State.values}
        for row in report():
            counts[row.state] += 1
        return {"counts": [(State(value), counts[value]) for value in State.values],
                "url": reverse("translation_status")}


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    if request.user.has_perm(admin_views.PERMISSION):
        panels.insert(0, TranslationStatusPanel())
