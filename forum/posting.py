"""Asking, answering, editing, following and flagging: what participants do.

Every post is rendered and sanitised once, here, when it is saved
(usertext.render_markdown); pages show the stored HTML. Whether a new post
waits for review follows the moderation rule of its topic.

What is kept beside the posts (a question's published answers and accepted
answer, a post's open reports, its status) is changed one request at a
time: each change first locks the row it writes (``lock_post``, ``recount``)
and reads the state after the lock, never the copy it loaded before, and
an edit writes only what it edits. Locks are taken answer first, then its
question, so two changes never wait for each other.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.limits import lock_member
from members import mentions
from members.teams import may_see_inside
from pages.sections import subpage_url
from usertext.render import render_markdown

from . import notifications
from .models.follows import Follow
from .models.moderation import Flag, ModerationMode, ModerationRule, log
from .models.posts import FORUM_PAGE, Answer, PostEdit, Question, Status
from .visibility import is_moderator, may_read

EDIT_WINDOW = timedelta(minutes=30)
NEWCOMER_PERIOD = timedelta(days=1)


class Refused(Exception):
    """A participant may not do this now; the message says why, in their language."""


# --- Moderation on arrival -------------------------------------------------------


def needs_review(user, topic):
    """Whether a new post by ``user`` under ``topic`` waits for a moderator."""
    if is_moderator(user):
        return False
    rule = ModerationRule.objects.filter(topic__translation_key=topic.translation_key).first()
    mode = rule.mode if rule else settings.FORUM_DEFAULT_MODERATION
    if mode == ModerationMode.EVERY_POST:
        return True
    if mode == ModerationMode.NONE:
        return False
    needed = rule.approved_posts_needed if rule else settings.FORUM_APPROVED_POSTS_NEEDED
    approved = (Question.objects.filter(author=user, status=Status.PUBLISHED).count()
                + Answer.objects.filter(author=user, status=Status.PUBLISHED).count())
    return approved < needed


def check_rate_limit(user, model):
    """New participants post a few questions and answers on their first day, no more.

    Called inside the transaction that saves the post: the member's posts are
    counted and saved one at a time (accounts.limits), so posts sent at once
    cannot pass the limit.
    """
    if is_moderator(user) or timezone.now() - user.date_joined > NEWCOMER_PERIOD:
        return
    lock_member(user)
    since = timezone.now() - NEWCOMER_PERIOD
    if model is Question:
        limit = settings.FORUM_NEWCOMER_QUESTIONS_PER_DAY
        message = _("New members can ask %(limit)s questions on their first day. Your "
                    "question is kept below: post it again tomorrow.")
    else:
        limit = settings.FORUM_NEWCOMER_ANSWERS_PER_DAY
        message = _("New members can post %(limit)s answers on their first day. Your answer "
                    "is kept below: post it again tomorrow.")
    if model.objects.filter(author=user, created_at__gte=since).count() >= limit:
        raise Refused(message % {"limit": limit})


def lock_post(post):
    """Hold ``post``'s row until the transaction ends, and read its status as it is
    now. NO KEY UPDATE: rows pointing at it (answers, reports) take a KEY SHARE
    lock when added, which this one does not wait for."""
    post.status = (type(post).objects.select_for_update(no_key=True).filter(pk=post.pk)
                   .values_list("status", flat=True).get())


def recount(question):
    """Keep a question's count of published answers and its accepted answer right.

    Counted after locking the question: answers published at once each count
    the others once they committed (a count read before would miss them).
    """
    with transaction.atomic():
        accepted = (Question.objects.select_for_update(no_key=True).filter(pk=question.pk)
                    .values_list("accepted_answer", flat=True).get())
        published = Answer.objects.filter(question_id=question.pk, status=Status.PUBLISHED)
        question.answer_count = published.count()
        question.accepted_answer_id = accepted if accepted and published.filter(
            pk=accepted).exists() else None
        question.save(update_fields=["answer_count", "accepted_answer"])


def tell_mentioned(post, before_html, by):
    """Tell the members a published post newly mentions (members/mentions.py) who may
    read it: the forum's one call of mentions.notify_mentioned, when a post goes
    public (``before_html`` "") and when a published post is edited (those the
    earlier version mentioned are not told again). ``by``: who made the change."""
    if not post.is_published:
        return
    question = post.question
    users = mentions.mentions_to_notify(
        before_html, post.body_html, writers=[post.author, by],
        may_see=lambda user: may_read(user, post), team_id=question.team_id)
    if not users:
        return
    # Named as the post names its writer: a question asked anonymously stays so.
    anonymous = post.kind == "question" and post.anonymous
    writer = gettext_lazy("A participant") if anonymous or post.author is None \
        else post.author.full_name
    anchor = f"#answer-{post.pk}" if post.kind == "answer" else ""
    title = question.title

    def url(language):
        return subpage_url(FORUM_PAGE, language, "question", absolute=True,
                           pk=question.pk) + anchor

    def where(language):
        with translation.override(language):
            return _("the question “%(title)s”") % {"title": title}

    excerpt = mentions.excerpt(post.body_html)
    transaction.on_commit(lambda: mentions.notify_mentioned(
        users, writer=writer, url=url, where=where, excerpt=excerpt))


def went_public(post):
    """A post just became visible to everyone: counts, activity, emails."""
    tell_mentioned(post, "", post.author)
    if post.kind == "answer":
        question = post.question
        recount(question)
        Question.objects.filter(pk=question.pk).update(last_activity_at=timezone.now())
        notifications.later(notifications.answer_published, post)
    else:
        notifications.later(notifications.question_published, post)


def _arrive(post, user, topic):
    post.status = Status.PENDING if needs_review(user, topic) else Status.PUBLISHED
    post.is_expert = is_moderator(user)
    post.body_html = render_markdown(post.body_markdown)
    post.save()
    if post.status == Status.PUBLISHED:
        went_public(post)
    else:
        notifications.later(notifications.queue_grew)
    return post


# --- Participants' actions ----------------------------------------------------------


@transaction.atomic
def ask(user, topic, title, body, language, anonymous=False, team=None):
    """Post a question; with ``team`` (a team whose inside ``user`` sees), for that
    team's members and the moderators only."""
    if team is not None and not may_see_inside(user, team):
        raise Refused(_("Only the team's members can ask the team a question."))
    check_rate_limit(user, Question)
    question = Question(author=user, topic=topic, title=title.strip(), body_markdown=body,
                        language=language, anonymous=anonymous,
                        team=team.source if team is not None else None)
    _arrive(question, user, topic)
    Follow.objects.get_or_create(user=user, question=question)
    return question


@transaction.atomic
def answer(user, question, body, language):
    if question.locked and not is_moderator(user):
        raise Refused(_("This question is closed for new answers."))
    check_rate_limit(user, Answer)
    reply = Answer(author=user, question=question, body_markdown=body, language=language)
    return _arrive(reply, user, question.topic)


def may_edit(user, post):
    """Authors edit their post for 30 minutes; moderators any time."""
    if is_moderator(user):
        return True
    return (post.author_id == user.pk
            and timezone.now() - post.created_at <= EDIT_WINDOW)


@transaction.atomic
def edit(user, post, body, title=None):
    """Change a post, keeping the earlier version."""
    if not may_edit(user, post):
        raise Refused(_("Posts can be changed during 30 minutes after posting. Ask a "
                        "moderator if something needs to change."))
    PostEdit.objects.create(
        **{post.kind: post},
        editor=user, title=getattr(post, "title", ""), body_markdown=post.body_markdown,
    )
    before_html = post.body_html
    fields = ["body_markdown", "body_html", "edited_at"]
    if title is not None:
        post.title = title.strip()
        fields.append("title")
    post.body_markdown = body
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    # Only what was edited: counts and status may have changed since ``post`` was read.
    post.save(update_fields=fields)
    if is_moderator(user) and post.author_id != user.pk:
        log(user, "edit", post)
    tell_mentioned(post, before_html, user)
    return post


def may_accept(user, answer):
    return answer.is_published and (answer.question.author_id == user.pk or is_moderator(user))


@transaction.atomic
def accept(user, answer):
    lock_post(answer)  # not hidden meanwhile: its recount would miss this acceptance
    if not may_accept(user, answer):
        raise Refused(_("Only the person who asked, or a moderator, can accept an answer."))
    question = answer.question
    question.accepted_answer = answer
    question.save(update_fields=["accepted_answer"])
    if question.author_id != user.pk:
        log(user, "accept", answer)
    notifications.later(notifications.answer_accepted, answer)


def follow_question(user, question, on=True):
    if on:
        Follow.objects.get_or_create(user=user, question=question)
    else:
        Follow.objects.filter(user=user, question=question).delete()


def follow_topic(user, topic, on=True):
    if on:
        Follow.objects.get_or_create(user=user, topic_key=topic.translation_key)
    else:
        Follow.objects.filter(user=user, topic_key=topic.translation_key).delete()


@transaction.atomic
def flag(user, post, reason, note=""):
    """Report a post; enough reports hide it until a moderator decides."""
    # Reports of one post are counted one at a time: reports arriving together
    # would each count only the others already committed, and miss the threshold.
    lock_post(post)
    try:
        with transaction.atomic():
            Flag.objects.create(user=user, reason=reason, note=note, **{post.kind: post})
    except IntegrityError:
        return False  # reported before: once is enough
    post.flag_count = Flag.objects.filter(resolved=False, **{post.kind: post}).count()
    fields = ["flag_count"]
    if post.flag_count >= settings.FORUM_FLAGS_TO_HIDE and post.status == Status.PUBLISHED:
        post.status = Status.HIDDEN
        fields.append("status")
    post.save(update_fields=fields)
    if post.kind == "answer" and "status" in fields:
        recount(post.question)
    notifications.later(notifications.queue_grew)
    return True
