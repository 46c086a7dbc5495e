"""Limits on how often something may be done, that hold when requests arrive at once.

A limit read in one step and recorded in another lets parallel requests all
read "below the limit" before any of them records (20 contact messages sent
at once got 6 through a limit of 5). Every limit on the platform checks and
records in one step, through one of these:

- ``lock_member(user)``: for what a member does, counted from the rows it
  leaves (contact messages, forum posts). Inside ``transaction.atomic()``
  the member's row is locked (SELECT ... FOR UPDATE on PostgreSQL; on SQLite
  every transaction begins IMMEDIATE, settings/base.py, so writers already
  queue): a member's limited actions run one after another, each counting
  what the one before recorded.
- ``take(key, limit, window)``: for limits on something that is not a
  member (an address typed into the password-reset form, an IP address): a
  counter row per key, raised by a conditional UPDATE that only succeeds
  below the limit. Keys are stored as keyed hashes: no address or IP
  address is kept in clear, and rows are deleted once their window is over.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import UsageCounter

# Give up (refuse) after this many rounds of losing a race for the same key.
_ROUNDS = 10


def lock_member(user):
    """Until the current transaction ends, other limited actions of ``user`` wait."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_member() only holds inside transaction.atomic()")
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def _hashed(key):
    return salted_hmac("accounts.limits", key, algorithm="sha256").hexdigest()


def take(key, limit, window):
    """Count one use of ``key``; False (nothing counted) if ``limit`` uses were
    already counted in the current ``window`` (a timedelta starting at the first use)."""
    hashed = _hashed(key)
    now = timezone.now()
    counters = UsageCounter.objects.filter(key=hashed)
    for _round in range(_ROUNDS):
        if counters.filter(expires_at__gt=now, count__lt=limit).update(count=F("count") + 1):
            return True
        if counters.filter(expires_at__gt=now).exists():
            return False  # at the limit for this window
        # The window is over, or there was none: start one with this use.
        if counters.filter(expires_at__lte=now).update(count=1, expires_at=now + window):
            return True
        if limit < 1:
            return False
        try:
            with transaction.atomic():
                UsageCounter.objects.create(key=hashed, count=1, expires_at=now + window)
            return True
        except IntegrityError:
            continue  # another request started the window just now: count in it
    return False


def forget_expired():
    """Delete the counters whose window is over (they hold nothing any more)."""
    UsageCounter.objects.filter(expires_at__lte=timezone.now()).delete()
