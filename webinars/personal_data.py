"""Webinars' part of a member's data (accounts.personal_data).

Download: their registrations. Erasure: they go with the account (the
foreign key cascades).
"""

from accounts.personal_data import Section, iso

from .models.records import Registration


def collect(user):
    return {"webinars": [{"webinar_key": str(r.webinar_key), "status": r.status,
                          "at": iso(r.created_at)}
                         for r in Registration.objects.filter(user=user).order_by("pk")]}


SECTION = Section(order=25, collect=collect, covers=("webinars.Registration.user",))
