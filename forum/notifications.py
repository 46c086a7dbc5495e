"""What the forum tells members: a notification each (notices.sending.notify), emailed
in the receiver's language unless they switched that kind of email off.

Nothing about a question reaches who may not see it now
(visibility.sees_post): a team's question reaches its members and
moderators, never a follower of its topic outside the team or a member who
left it; and nothing about the forum reaches a member who may not enter it.

The kinds (``KINDS``, registered in wagtail_hooks.py) and their texts
(``forum/email/<name>_subject.txt`` and ``_body.txt``): an answer to my
question, my answer accepted, what I follow (a new answer to a followed
question, a new question in a followed topic), the moderation of my posts
(published after review, or not published with the reason) and, for
moderators, posts waiting for review.

Their links lead to the forum page in the receiver's language
(pages/sections.py); the page is named by its label (models/posts.py).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from notices.kinds import Kind
from notices.sending import notify
from pages.sections import subpage_url

from .models.moderation import ModeratorNotice
from .models.posts import FORUM_PAGE, MODERATE, is_moderator
from .visibility import may_enter_forum, sees_post

ANSWERED = "forum.answered"
ACCEPTED = "forum.accepted"
FOLLOWED = "forum.followed"
MODERATED = "forum.moderated"
QUEUE = "forum.queue"

KINDS = [
    Kind(ANSWERED, _("Answers to my questions"),
         _("When someone answers a question you asked."), order=10),
    Kind(ACCEPTED, _("My accepted answers"),
         _("When the person who asked marks your answer as the accepted one."), order=20),
    Kind(FOLLOWED, _("What I follow in the forum"),
         _("New answers to questions you follow and new questions in topics you follow."),
         order=30),
    Kind(MODERATED, _("Moderation of my posts"),
         _("When a moderator publishes a post of yours after review, or does not publish "
           "it and says why."), order=40),
    Kind(QUEUE, _("Forum posts waiting for moderation"),
         _("When posts wait for review or are reported; at most once in a while."),
         order=50, audience=is_moderator),
]


def _tell(user, kind, template, url=None, **context):
    if user is None or not user.is_active or not may_enter_forum(user):
        return
    question = context.get("question")
    if question is not None and not sees_post(user, question):
        return
    if url is None:
        with translation.override(user.preferred_language):
            # The question in the forum of the receiver's language.
            url = question.get_absolute_url()
    notify(user, kind, template=f"forum/email/{template}", context=context, url=url)


def later(function, *args, **kwargs):
    """Tell after the transaction commits: nothing about something rolled back."""
    transaction.on_commit(lambda: function(*args, **kwargs))


def answer_published(answer):
    """Tell the asker and the followers of the question and its topic."""
    question = answer.question
    told = {answer.author_id}
    if question.author_id not in told:
        _tell(question.author, ANSWERED, "answered", question=question, answer=answer)
    told.add(question.author_id)
    for user in _followers(question):
        if user.pk not in told:
            _tell(user, FOLLOWED, "followed_answer", question=question, answer=answer)
            told.add(user.pk)


def question_published(question):
    """Tell the followers of its topic."""
    for user in _topic_followers(question):
        if user.pk != question.author_id:
            _tell(user, FOLLOWED, "followed_question", question=question)


def answer_accepted(answer):
    if answer.author_id != answer.question.author_id:
        _tell(answer.author, ACCEPTED, "accepted", question=answer.question, answer=answer)


def post_approved(post, moderator):
    """A post that waited for review is published: its author hears so."""
    if post.author_id != moderator.pk:
        _tell(post.author, MODERATED, "approved", question=post.question, post=post)


def post_rejected(post, question, reason):
    _tell(post.author, MODERATED, "rejected", question=question, post=post, reason=reason)


def _followers(question):
    """Members following the question or its topic."""
    return get_user_model().objects.filter(
        Q(forum_follows__question=question)
        | Q(forum_follows__topic_key=question.topic.translation_key)
    ).distinct()


def _topic_followers(question):
    return get_user_model().objects.filter(
        forum_follows__topic_key=question.topic.translation_key).distinct()


def moderators():
    """Active members with the moderation right (through a group or directly)."""
    app_label, codename = MODERATE.split(".")
    right = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return get_user_model().objects.filter(
        Q(groups__permissions=right) | Q(user_permissions=right), is_active=True
    ).distinct()


def _claim_notice(moderator, now, interval):
    """Whether this call may tell ``moderator`` now; records it in the same step.

    A conditional UPDATE (or the one INSERT that wins) decides, so posts
    arriving at once make one notification, not one each.
    """
    if ModeratorNotice.objects.filter(user=moderator, last_sent_at__lte=now - interval).update(
            last_sent_at=now):
        return True
    if ModeratorNotice.objects.filter(user=moderator).exists():
        return False
    try:
        with transaction.atomic():
            ModeratorNotice.objects.create(user=moderator, last_sent_at=now)
    except IntegrityError:
        return False  # another post's call created it, and tells
    return True


def queue_grew():
    """Tell every moderator there is something to review, at most once per interval."""
    now = timezone.now()
    interval = timedelta(minutes=settings.FORUM_MODERATOR_EMAIL_MINUTES)
    for moderator in moderators():
        if not may_enter_forum(moderator) or not _claim_notice(moderator, now, interval):
            continue
        url = subpage_url(FORUM_PAGE, moderator.preferred_language,
                          "moderation", absolute=True)
        _tell(moderator, QUEUE, "queue", url=url,
              interval=settings.FORUM_MODERATOR_EMAIL_MINUTES)
