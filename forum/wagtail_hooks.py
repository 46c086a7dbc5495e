from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

import caching
from pages.sections import section_page

from . import personal_data
from .models import ForumIndexPage, ModerationRule
from .views import localize_topics
from .visibility import public_questions


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
    forum = section_page(request, ForumIndexPage)
    if forum is None:
        return None
    return {"template": "forum/home_panel.html", "order": 30, "forum": forum,
            # Read only when the card is rendered (it is kept as HTML).
            "questions": lambda: _recent_public_questions(request, Locale.get_active())}


def _recent_public_questions(request, locale):
    """The five latest published questions (the same for every member), with
    their topic named in ``locale``; from the "forum" scope."""
    def recent():
        questions = list(public_questions().select_related("topic")
                         .order_by("-last_activity_at")[:5])
        localize_topics(questions, locale)
        return questions
    return caching.remember(("forum", "topics"), ("recent-questions", locale.pk), recent)


@hooks.register("leerkring_personal_data")
def member_data():
    """Posts, their earlier versions, follows, reports and settings (accounts.personal_data)."""
    return personal_data.SECTION
