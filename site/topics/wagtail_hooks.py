from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from translations.permissions import SourceLanguageProtectedPolicy

from .models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind", "locale"]
    search_fields = ["name", "description"]


# Translators translate topics but leave the Dutch originals to editors.
register_permission_policy(Topic, SourceLanguageProtectedPolicy(Topic))
register_snippet(TopicViewSet)
