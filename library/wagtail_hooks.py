from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from translations.permissions import SourceLanguageProtectedPolicy

from .models import Event


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "date", "kind"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


# Translators translate events but leave the Dutch originals to editors.
register_permission_policy(Event, SourceLanguageProtectedPolicy(Event))
register_snippet(EventViewSet)
