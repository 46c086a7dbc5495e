"""When a member's digest is due, and what window it covers.

Periods are calendar days (daily) and ISO weeks (weekly) in the site's time
zone (Europe/Brussels). A digest is due once per period, from ``SEND_FROM``
o'clock on its first day (every day, or Mondays): a timer running hourly
sends it soon after 07:00 and never at night.

A member's first digest (no row yet: a new member, or the demo right after
``make run``) is due at once, whatever the day and hour, and looks back one
period. Every later digest covers [the previous digest's ``until``, now):
nothing falls between two digests, whatever the runs missed, and a member
who changes frequency goes on from where the last one ended.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from notices.preferences import DAILY, WEEKLY

SEND_FROM = time(7, 0)
LENGTH = {DAILY: timedelta(days=1), WEEKLY: timedelta(days=7)}


@dataclass(frozen=True)
class Period:
    frequency: str
    key: str  # "2026-05-14" or "2026-W20"
    starts_at: datetime  # midnight of its first day
    due_from: datetime


def local_zone():
    return ZoneInfo(settings.TIME_ZONE)


def period_of(frequency, now):
    """The day or ISO week that ``now`` falls in, for ``frequency``."""
    zone = local_zone()
    day = now.astimezone(zone).date()
    if frequency == DAILY:
        key = day.isoformat()
    elif frequency == WEEKLY:
        year, week, weekday = day.isocalendar()
        key = f"{year}-W{week:02d}"
        day -= timedelta(days=weekday - 1)
    else:
        raise ValueError(f"No digest period for {frequency!r}")
    starts_at = datetime.combine(day, time(0, 0), tzinfo=zone)
    return Period(frequency, key, starts_at, datetime.combine(day, SEND_FROM, tzinfo=zone))


def window(period, now, last_until):
    """(since, until) of the digest due in ``period`` for a member whose last digest
    ended at ``last_until`` (None: none yet), or None when it is not due yet."""
    if last_until is None:
        return now - LENGTH[period.frequency], now
    if now < period.due_from or last_until >= now:
        return None
    return last_until, now
