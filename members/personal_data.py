"""The people layer's part of a member's data (accounts.personal_data).

Download: their profile (the photo as a reference: that one is kept, and
where it is stored; the picture itself is on their profile), the consents
they recorded, and when they had messages relayed through profiles (that and
when, never the text: it is not kept, and not to or from whom: that is about
someone else). Their teams: memberships, requests to join, meetings planned
and minutes written.

Erasure: the profile and its photo file go; the consent records stay
without the person, as proof; the log of relayed messages they sent goes
(the foreign key cascades), the ones they received stay without them.
Memberships and requests go with the account; minutes and meetings stay with
the team, unsigned.
"""

from accounts.personal_data import Section, iso

from . import consent, profiles
from .models.records import MemberMessage, Profile


def collect(user):
    profile = Profile.objects.filter(user=user).prefetch_related("expertise").first()
    current = consent.state(user)
    return {
        "profile": None if profile is None else {
            "address": profile.slug, "job_title": profile.job_title,
            "about_me": profile.bio_markdown,
            "expertise": [topic.name for topic in profile.expertise.all()],
            "languages": profile.languages,
            "photo": ({"stored_as": profile.photo.name, "size_pixels": profiles.PHOTO_SIZE}
                      if profile.photo else None),
            "completed_at": iso(profile.completed_at), "updated_at": iso(profile.updated_at),
            "shown_to_members": current[consent.DIRECTORY],
            "email_shown": current[consent.DIRECTORY] and current[consent.EMAIL],
        },
        "profile_consents": [{
            "consent": record.kind, "granted": record.granted,
            "text_version": record.text.version, "at": iso(record.created_at),
        } for record in consent.history(user)],
        "profile_messages": {
            "sent": [iso(at) for at in MemberMessage.objects.filter(sender=user)
                     .order_by("pk").values_list("sent_at", flat=True)],
            "received": [iso(at) for at in MemberMessage.objects.filter(recipient=user)
                         .order_by("pk").values_list("sent_at", flat=True)],
        },
    }


def erase(user):
    profiles.delete(user)


SECTION = Section(order=50, collect=collect, erase=erase, covers=(
    "members.Profile.user", "members.ConsentRecord.user", "members.MemberMessage.sender",
    "members.MemberMessage.recipient"))
