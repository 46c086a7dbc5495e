"""What is new in the forum for one member (whatsnew.news), and the topics they follow.

One item per question with news: the question itself when it is new, and
the number of new answers in it. Which questions: those the member follows,
those in their topics (followed, or their expertise) and those of their
teams. Which posts: those the member sees (visibility.visible_questions: a
team's questions only for its members and moderators) that are published
now, and never the member's own. A post is new when it became public in the
window: when it was posted, or, for a post that waited for review, when a
moderator approved it (the moderation log), so a post written before the
member's last visit and approved after it is not missed.
"""

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.teams import team_ids_of
from members.whats_new import team_names
from whatsnew.news import Interests, Item, merged, open_section, route_url, take

from .models.follows import Follow
from .models.moderation import ModerationAction
from .models.posts import FORUM_PAGE, Answer, Status
from .visibility import visible_questions


def _public_at(kind):
    """When a post became public: its latest approval, else when it was posted."""
    approvals = ModerationAction.objects.filter(kind=ModerationAction.Kind.APPROVE,
                                                **{kind: OuterRef("pk")})
    if kind == "question":
        approvals = approvals.filter(answer__isnull=True)
    return Coalesce(Subquery(approvals.order_by("-created_at", "-pk").values("created_at")[:1]),
                    F("created_at"))


def _in(window, field="public_at"):
    return Q(**{f"{field}__gte": window.since, f"{field}__lt": window.until})


def news(window):
    user = window.user
    forum = open_section(user, window.language, FORUM_PAGE)
    if forum is None:
        return None
    teams = team_ids_of(user)
    # A question itself is news in the member's topics and teams; one they
    # follow already, only for its answers.
    in_scope = Q(topic__translation_key__in=window.topics) | Q(team_id__in=teams)
    answers = (Answer.objects.filter(question=OuterRef("pk"), status=Status.PUBLISHED)
               .exclude(author=user).annotate(public_at=_public_at("answer"))
               .filter(_in(window)).order_by())
    questions = (
        visible_questions(user).filter(status=Status.PUBLISHED)
        .annotate(followed=Exists(Follow.objects.filter(user=user, question=OuterRef("pk"))))
        .filter(Q(followed=True) | in_scope)
        .annotate(
            public_at=_public_at("question"),
            new_answers=Coalesce(Subquery(
                answers.annotate(n=Func(F("pk"), function="COUNT")).values("n"),
                output_field=IntegerField()), 0),
            latest_answer_at=Subquery(answers.order_by("-public_at").values("public_at")[:1]),
            first_answer=Subquery(answers.order_by("public_at", "pk").values("pk")[:1]))
        .annotate(is_news=ExpressionWrapper(_in(window) & ~Q(author=user) & in_scope,
                                            output_field=BooleanField()))
        .filter(Q(is_news=True) | Q(new_answers__gt=0))
        .annotate(activity_at=Coalesce("latest_answer_at", "public_at"))
        .select_related("topic").only("pk", "title", "language", "author_id", "team_id",
                                      "topic__translation_key")
        .order_by("-activity_at", "-pk"))
    rows, total = take(questions, window.limit)
    # Named only for the member's own teams (a moderator sees others' questions too).
    names = team_names({row.team_id for row in rows if row.team_id in teams}, window.language)
    items = []
    for row in rows:
        count = row.new_answers
        url = route_url(forum, "question", pk=row.pk)
        if row.is_news:
            label = (ngettext("New question, %(count)s answer", "New question, %(count)s answers",
                              count) % {"count": count}) if count else _("New question")
        else:
            label = ngettext("%(count)s new answer", "%(count)s new answers",
                             count) % {"count": count}
            url += f"#answer-{row.first_answer}"
        if row.team_id in names:
            why = _("Your team %(team)s") % {"team": names[row.team_id][0]}
        elif row.author_id == user.pk:
            why = _("Your question")
        elif row.followed:
            why = _("A question you follow")
        else:
            why = window.topic_reason(row.topic.translation_key)
        items.append(Item(title=row.title, url=url, when=row.activity_at, label=label, why=why,
                          language=row.language))
    return merged("forum", _("Forum"), [(items, total)], window.limit, url=forum.url, order=10)


def followed_topics(user, language):
    """The topics ``user`` follows in the forum (any language), and where to follow some."""
    forum = open_section(user, language, FORUM_PAGE)
    if forum is None:
        return None
    keys = frozenset(Follow.objects.filter(user=user, topic_key__isnull=False)
                     .values_list("topic_key", flat=True))
    return Interests(keys=keys, invite_text=_("Follow topics in the forum"),
                     invite_url=forum.url, order=10)
