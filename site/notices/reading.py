"""A member's own notifications: how many are unread, a page of them, marking them read.

Every query starts from the member (``recipient=user``): nobody reads, counts
or marks another member's notifications. The unread count is one query on a
partial index (``notice_unread``), counted up to ``COUNT_LIMIT`` (the bell
shows "99+" beyond), so it costs the same for a member with thousands.
"""

from django.core.paginator import Paginator
from django.utils import timezone

from .models import Notification

PER_PAGE = 20
COUNT_LIMIT = 100


def unread_count(user):
    """Unread notifications of ``user``, counted up to COUNT_LIMIT; 0 for visitors."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at=None)[:COUNT_LIMIT].count()


def page(user, number):
    """One page of ``user``'s notifications, newest first."""
    notifications = Notification.objects.filter(recipient=user).only(
        "kind", "language", "text", "url", "created_at", "read_at").order_by("-created_at", "-id")
    return Paginator(notifications, PER_PAGE).get_page(number)


def mark_read(user, notifications):
    """Mark these (shown) notifications of ``user`` read; their objects keep showing
    them as they were when shown."""
    ids = [n.pk for n in notifications if n.read_at is None]
    if ids:
        Notification.objects.filter(recipient=user, pk__in=ids, read_at=None).update(
            read_at=timezone.now())


def mark_all_read(user):
    return Notification.objects.filter(recipient=user, read_at=None).update(
        read_at=timezone.now())
