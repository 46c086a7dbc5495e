"""Reminders in a member's data (accounts.personal_data).

Download: which reminders were sent, for which session and when. Erasure:
they are only about the member and go with the account (the foreign key
cascades).
"""

from accounts.personal_data import Section, iso

from .models import Reminder


def collect(user):
    return {"reminders": [{"source": r.source, "session": r.session, "occasion": r.occasion,
                           "at": iso(r.created_at)}
                          for r in Reminder.objects.filter(user=user).order_by("pk")]}


SECTION = Section(order=65, collect=collect, covers=("reminders.Reminder.user",))
