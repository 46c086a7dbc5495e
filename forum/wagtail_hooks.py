from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

import caching
from pages.sections import section_page

from . import demo, notifications, personal_data, whats_new
from .models import ForumIndexPage, ModerationRule, Question
from .models.posts import Status, is_moderator
from .thread import NAME_FIELDS
from .views import label_authors, localize_topics
from .visibility import public_questions, sees_post, visible_answers, visible_questions

PROFILE_POSTS = 10
TEAM_QUESTIONS_SHOWN = 20


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


@hooks.register("leerkring_notice_kinds")
def notice_kinds():
    return notifications.KINDS


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


@hooks.register("leerkring_profile_sections")
def profile_posts(request, member):
    """On a member's profile (members.contributions): their latest questions and
    answers that the reader may see, leaving out questions asked anonymously
    (and answers to them: the question page shows the asker's own answers as
    theirs, but a profile would tie the two together)."""
    forum = section_page(request, ForumIndexPage)
    if forum is None:
        return None
    questions = list(visible_questions(request.user).filter(author=member, anonymous=False)
                     .only("id", "title", "language", "created_at")
                     .order_by("-created_at", "-pk")[:PROFILE_POSTS])
    answers = list(visible_answers(request.user).filter(author=member)
                   .exclude(question__anonymous=True, question__author=member)
                   .select_related("question").only("id", "created_at", "question__id",
                                                    "question__title", "question__language")
                   .order_by("-created_at", "-pk")[:PROFILE_POSTS])
    if not questions and not answers:
        return None
    return {"template": "forum/profile_section.html", "order": 30, "forum": forum,
            "questions": questions, "answers": answers}


# --- Teams: the team's own questions on its page (members.contributions) ----------------


@hooks.register("leerkring_team_sections")
def team_questions(request, team):
    """The questions of ``team`` (default-language team) the reader sees, newest
    activity first, and the button to ask the team one. Called only for readers who
    see the team's inside; each question is checked per reader (sees_post)."""
    forum = section_page(request, ForumIndexPage)
    if forum is None:
        return None
    kept, names = _team_questions(team.pk)
    moderator = is_moderator(request.user)
    questions = [q for q in kept if sees_post(request.user, q, moderator)]
    questions.sort(key=lambda q: (q.last_activity_at, q.pk), reverse=True)
    questions = questions[:TEAM_QUESTIONS_SHOWN]
    label_authors(questions, request.user, names)
    localize_topics(questions, forum.locale, request)
    return {"template": "forum/team_section.html", "order": 50, "forum": forum,
            "questions": questions, "team": team,
            "ask_url": f"{forum.url}ask/?team={team.pk}"}


def _team_questions(team_pk):
    """A team's newest published questions and its newest others (waiting, rejected,
    hidden: shown to their authors and moderators), each up to the number shown, so
    the newest a reader sees are among them; and their authors' names. The same
    for every reader, from the "forum" scope."""
    def load():
        questions = Question.objects.filter(team_id=team_pk).select_related("topic") \
            .defer("body_markdown", "body_html").order_by("-last_activity_at", "-pk")
        kept = [*questions.filter(status=Status.PUBLISHED)[:TEAM_QUESTIONS_SHOWN],
                *questions.exclude(status=Status.PUBLISHED)[:TEAM_QUESTIONS_SHOWN]]
        authors = {q.author_id for q in kept} - {None}
        names = {user.pk: user.full_name for user in get_user_model().objects
                 .filter(pk__in=authors).only(*NAME_FIELDS)} if authors else {}
        return kept, names
    return caching.remember(("forum", "topics"), ("team-questions", team_pk), load)


@hooks.register("leerkring_team_demo")
def team_demo_question(command, team, asker):
    """The demo's team-only questions (members/demo_teams.py)."""
    demo.team_question(command, team, asker)


# --- New for you (whatsnew.news) -----------------------------------------------------------


@hooks.register("leerkring_whats_new")
def forum_news(window):
    """New questions and answers in what the member follows, their topics and teams."""
    return whats_new.news(window)


@hooks.register("leerkring_member_topics")
def followed_topics(user, language):
    return whats_new.followed_topics(user, language)
