"""What moderators do, each action one call and each logged (who, what, when)."""

from django.db import transaction
from django.db.models import Q

from . import notifications
from .models.moderation import Flag, ModerationAction, log
from .models.posts import Answer, Question, Status
from .posting import lock_post, recount, went_public


def _resolve_flags(post):
    Flag.objects.filter(resolved=False, **{post.kind: post}).update(resolved=True)
    post.flag_count = 0


def _set_status(post, status, reason=""):
    post.status = status
    post.rejection_reason = reason
    post.save(update_fields=["status", "rejection_reason", "flag_count"])
    if post.kind == "answer":
        recount(post.question)


# Each decision locks the post first (posting.lock_post): a report arriving
# meanwhile is counted after the reports are resolved, not overwritten by 0.


@transaction.atomic
def approve(moderator, post):
    lock_post(post)
    was_public = post.status == Status.PUBLISHED
    # Its author waits for the review (or was told it was not published).
    reviewed = post.status in (Status.PENDING, Status.REJECTED)
    _resolve_flags(post)
    _set_status(post, Status.PUBLISHED)
    if not was_public:
        went_public(post)
        if reviewed:
            notifications.later(notifications.post_approved, post, moderator)
    log(moderator, ModerationAction.Kind.APPROVE, post)


@transaction.atomic
def reject(moderator, post, reason):
    lock_post(post)
    _resolve_flags(post)
    _set_status(post, Status.REJECTED, reason)
    log(moderator, ModerationAction.Kind.REJECT, post, reason)
    notifications.later(notifications.post_rejected, post, post.question, reason)


@transaction.atomic
def hide(moderator, post, note=""):
    lock_post(post)
    _resolve_flags(post)
    _set_status(post, Status.HIDDEN)
    log(moderator, ModerationAction.Kind.HIDE, post, note)


@transaction.atomic
def dismiss_flags(moderator, post):
    """The reports were unfounded: the post is shown again."""
    lock_post(post)
    _resolve_flags(post)
    _set_status(post, Status.PUBLISHED if post.status == Status.HIDDEN else post.status)
    log(moderator, ModerationAction.Kind.DISMISS_FLAGS, post)


@transaction.atomic
def set_locked(moderator, question, locked):
    question.locked = locked
    question.save(update_fields=["locked"])
    log(moderator, ModerationAction.Kind.LOCK if locked else ModerationAction.Kind.UNLOCK,
        question)


@transaction.atomic
def set_pinned(moderator, question, pinned):
    question.pinned = pinned
    question.save(update_fields=["pinned"])
    log(moderator, ModerationAction.Kind.PIN if pinned else ModerationAction.Kind.UNPIN,
        question)


@transaction.atomic
def move(moderator, question, topic):
    previous = question.topic
    question.topic = topic
    question.save(update_fields=["topic"])
    log(moderator, ModerationAction.Kind.MOVE, question, f"{previous} → {topic}")


def queue():
    """Posts waiting for review and reported posts, oldest first."""
    waiting = Q(status=Status.PENDING) | Q(flag_count__gt=0)
    questions = Question.objects.filter(waiting).select_related("author", "topic")
    answers = Answer.objects.filter(waiting).select_related("author", "question__topic")
    items = list(questions) + list(answers)
    flagged = Flag.objects.filter(resolved=False).select_related("user")
    reports = {}
    for report in flagged:
        key = ("question", report.question_id) if report.question_id else (
            "answer", report.answer_id)
        reports.setdefault(key, []).append(report)
    for item in items:
        item.reports = reports.get((item.kind, item.pk), [])
    return sorted(items, key=lambda item: item.created_at)


def count():
    waiting = Q(status=Status.PENDING) | Q(flag_count__gt=0)
    return Question.objects.filter(waiting).count() + Answer.objects.filter(waiting).count()
