"""When a digest is due and what it covers (digests/schedule.py): days and ISO weeks
in Brussels, from 07:00, the first digest at once."""

from datetime import timedelta

import pytest

from digests import schedule
from tests.digests.conftest import brussels


def test_periods_are_brussels_days_and_iso_weeks():
    # 23:30 UTC on Sunday 29 March 2026 is already Monday in Brussels (summer time).
    late = brussels(2026, 3, 30, 1, 30)
    assert schedule.period_of("daily", late).key == "2026-03-30"
    week = schedule.period_of("weekly", late)
    assert week.key == "2026-W14"
    assert week.due_from == brussels(2026, 3, 30, 7, 0)
    assert schedule.period_of("weekly", brussels(2027, 1, 2, 12)).key == "2026-W53"
    with pytest.raises(ValueError):
        schedule.period_of("never", late)


def test_a_first_digest_is_due_at_once_and_looks_back_one_period():
    night = brussels(2026, 3, 30, 3, 0)  # a Monday, before 07:00
    assert schedule.window(schedule.period_of("weekly", night), night, None) == (
        night - timedelta(days=7), night)
    assert schedule.window(schedule.period_of("daily", night), night, None) == (
        night - timedelta(days=1), night)


@pytest.mark.parametrize(("frequency", "before", "at"), [
    ("daily", brussels(2026, 4, 2, 6, 59), brussels(2026, 4, 2, 7, 0)),
    ("weekly", brussels(2026, 4, 6, 6, 59), brussels(2026, 4, 6, 7, 0)),
])
def test_later_digests_start_at_seven_and_go_on_from_the_last(frequency, before, at):
    last = brussels(2026, 3, 30, 7, 3)
    assert schedule.window(schedule.period_of(frequency, before), before, last) is None
    assert schedule.window(schedule.period_of(frequency, at), at, last) == (last, at)
