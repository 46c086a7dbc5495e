"""The forum's emails, each in the receiver's language and each switchable.

An email about a question goes only to who may see the question now
(visibility.sees_post): a team's question reaches its members and
moderators, never a follower of its topic outside the team or a member who
left it.

Their links lead to the forum page in the receiver's language
(pages/sections.py); the page is named by its label (models/posts.py).
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from pages.sections import subpage_url
from pages.visibility import pages_visible_to

from .models.follows import NotificationSettings
from .models.moderation import ModeratorNotice
from .models.posts import FORUM_PAGE, MODERATE
from .visibility import sees_post


def _settings_for(user):
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(
        user=user)


def _may_enter_forum(user):
    """Whether ``user`` may enter the forum in some language: emails name its
    questions and link to them (pages/visibility.py, the rule for every list)."""
    return pages_visible_to(user, apps.get_model(FORUM_PAGE).objects.all()).exists()


def _send(user, template, **context):
    if user is None or not user.is_active or not user.email or not _may_enter_forum(user):
        return
    if "question" in context and not sees_post(user, context["question"]):
        return
    with translation.override(user.preferred_language):
        context.update(user=user, site_name=settings.WAGTAIL_SITE_NAME)
        if "question" in context:
            # In the receiver's language: the one active here.
            context["url"] = context["question"].get_absolute_url()
        subject = render_to_string(f"forum/email/{template}_subject.txt", context)
        body = render_to_string(f"forum/email/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def later(function, *args, **kwargs):
    """Send after the transaction commits: no email about something rolled back."""
    transaction.on_commit(lambda: function(*args, **kwargs))


def answer_published(answer):
    """Tell the asker and the followers of the question and its topic."""
    question = answer.question
    told = {answer.author_id}
    asker = question.author
    if asker and asker.pk not in told and _settings_for(asker).my_question_answered:
        _send(asker, "answered", question=question, answer=answer)
    told.add(question.author_id)
    for user in _followers(question):
        if user.pk not in told and _settings_for(user).followed_activity:
            _send(user, "followed_answer", question=question, answer=answer)
            told.add(user.pk)


def question_published(question):
    """Tell the followers of its topic."""
    for user in _topic_followers(question):
        if user.pk != question.author_id and _settings_for(user).followed_activity:
            _send(user, "followed_question", question=question)


def answer_accepted(answer):
    author = answer.author
    if author and author.pk != answer.question.author_id and \
            _settings_for(author).my_answer_accepted:
        _send(author, "accepted", question=answer.question, answer=answer)


def post_rejected(post, question, reason):
    _send(post.author, "rejected", question=question, post=post, reason=reason)


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
    """Whether this call may email ``moderator`` now; records it in the same step.

    A conditional UPDATE (or the one INSERT that wins) decides, so posts
    arriving at once send one email, not one each.
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
        return False  # another post's call created it, and emails
    return True


def queue_grew():
    """Tell every moderator there is something to review, at most once per interval."""
    now = timezone.now()
    interval = timedelta(minutes=settings.FORUM_MODERATOR_EMAIL_MINUTES)
    for moderator in moderators():
        if not _claim_notice(moderator, now, interval):
            continue
        url = subpage_url(FORUM_PAGE, moderator.preferred_language,
                          "moderation", absolute=True)
        _send(moderator, "queue", url=url, interval=settings.FORUM_MODERATOR_EMAIL_MINUTES)

