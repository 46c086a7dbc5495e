from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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


register_snippet(EventViewSet)
