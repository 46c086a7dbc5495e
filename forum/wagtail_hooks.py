from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

from .models import ForumIndexPage, ModerationRule
from .routes import label_authors, localize_topics
from .visibility import visible_questions


class ModerationRuleViewSet(ModelViewSet):
    model = ModerationRule
    icon = "help"
    menu_label = _("Forum moderation")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["topic", "mode", "approved_posts_needed"]
    form_fields = ["topic", "mode", "approved_posts_needed"]


@hooks.register("register_admin_viewset")
def register_moderation_rules():
    return ModerationRuleViewSet("forum_moderation_rules")


@hooks.register("leerkring_home_panels")
def recent_questions_panel(request, home):
    """The home page's "recent questions" card."""
    locale = Locale.get_active()
    forum = ForumIndexPage.objects.live().filter(locale=locale).first()
    if forum is None:
        return None
    questions = list(visible_questions(request.user).filter(status="published")
                     .select_related("author", "topic").order_by("-last_activity_at")[:5])
    label_authors(questions, request.user)
    localize_topics(questions, locale)
    return {"template": "forum/home_panel.html", "order": 30, "questions": questions,
            "forum": forum}
