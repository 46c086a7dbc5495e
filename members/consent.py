"""Who sees a member: the one consent check for people.

Every place that shows a person asks here: the directory, profiles, author
names on forum posts, projects and minutes, team pages, search, emails and
exports.

* A member's profile is seen by other members while the latest
  ``ConsentRecord`` of kind "directory" for them is a grant (and their
  account is active). Without it they appear in no list, their name is plain
  text (never a link) and their profile's address answers 404 to others.
* Their email address is shown on it while the profile is seen and the
  latest record of kind "email" is a grant; otherwise others write through
  the relay form (profiles.relay), which never shows the address.
* A member always sees their own profile. Nobody else does without consent,
  coordinators and moderators included: it is the member's choice alone.

The state is read from the append-only records (a subquery, no copy to keep
in step), so a withdrawal counts at once everywhere. Recording reads and
appends with the member's profile row locked (``_changing``): two requests
at once cannot both see "withdrawn" and both grant.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

import caching
from accounts import consent_texts
from pages.sections import subpage_url

from .models.records import ConsentKind, ConsentRecord, ConsentText, Profile

# The directory page by its label: it imports the views, which import this module.
DIRECTORY_PAGE = "members.MemberDirectoryPage"
DIRECTORY = ConsentKind.DIRECTORY
EMAIL = ConsentKind.EMAIL


def _latest(kind):
    return Subquery(ConsentRecord.objects.filter(user=OuterRef("user_id"), kind=kind)
                    .order_by("-pk").values("granted")[:1])


def with_consent(profiles):
    """Annotate ``listed`` and ``email_consented`` (True, False or None when never asked)."""
    return profiles.annotate(listed=_latest(DIRECTORY), email_consented=_latest(EMAIL))


def listed_profiles():
    """The profiles every member may see: for the directory, search and author links."""
    return with_consent(Profile.objects.filter(user__is_active=True)).filter(listed=True)


def listed_slugs():
    """{user pk: profile slug} of the members others may see, kept in the shared
    cache until a profile, a consent or an account changes ("members" scope): a
    withdrawal is a new record, so it still counts at once. Small (one entry a
    consenting member), and it saves author links a query on every page."""
    return caching.remember("members", "listed-member-slugs", lambda: dict(
        listed_profiles().values_list("user_id", "slug")))


def listed_profile_pks():
    """The pks of the profiles others may see (a frozenset kept as listed_slugs is):
    what the search checks its results against."""
    return caching.remember("members", "listed-profile-pks", lambda: frozenset(
        listed_profiles().values_list("pk", flat=True)))


def listed_member_ids():
    """The user pks of the members others may see (a frozenset; see listed_slugs)."""
    return frozenset(listed_slugs())


def profile_slugs(user_ids):
    """{user pk: profile slug} of those of ``user_ids`` others may see (no query):
    what author links need."""
    listed = listed_slugs()
    return {pk: listed[pk] for pk in set(user_ids) if pk in listed}


def profile_urls(user_ids, language):
    """{user pk: the address of their profile in ``language``} of those of ``user_ids``
    others may see: what author links need (no query once the cache holds them). The viewer
    must be a member: anonymous visitors see no profile."""
    slugs = profile_slugs(user_ids)
    if not slugs:
        return {}
    base = subpage_url(DIRECTORY_PAGE, language, "index")
    if not base:
        return {}
    return {pk: f"{base}{slug}/" for pk, slug in slugs.items()}


def may_see_profile(viewer, member):
    """Whether ``viewer`` sees ``member``'s profile (and a link to it)."""
    if viewer is None or not viewer.is_authenticated or not viewer.is_active:
        return False
    return viewer.pk == member.pk or member.pk in listed_slugs()


def state(member):
    """``{kind: granted}`` for both consents now in force (False when never given)."""
    latest = {}
    for entry in ConsentRecord.objects.filter(user=member).order_by("pk"):
        latest[entry.kind] = entry.granted
    return {DIRECTORY: latest.get(DIRECTORY, False), EMAIL: latest.get(EMAIL, False)}


def may_see_email(viewer, member):
    """The address on the profile: the member themselves, or with both consents."""
    if not may_see_profile(viewer, member):
        return False
    if viewer.pk == member.pk:
        return True
    current = state(member)
    return current[DIRECTORY] and current[EMAIL]


def current_text(kind):
    return consent_texts.current_text(ConsentText, kind)


def history(member):
    """Every grant and withdrawal of ``member``, oldest first."""
    return ConsentRecord.objects.filter(user=member).select_related("text").order_by("pk")


@contextmanager
def _changing(member):
    """Read the state and record changes of ``member`` one request at a time: a
    transaction holding their profile's row (SQLite already takes turns;
    PostgreSQL needs the row lock)."""
    with transaction.atomic():
        profile = Profile.objects.of(member)
        list(Profile.objects.select_for_update(no_key=True).filter(pk=profile.pk)
             .values_list("pk"))
        yield


def record(member, kind, granted, text=None):
    """Append a grant or withdrawal (always, even when the state does not change)."""
    if kind not in (DIRECTORY, EMAIL):
        raise ValueError(f"Unknown consent {kind!r}")
    return ConsentRecord.objects.create(user=member, kind=kind, granted=granted,
                                        text=text or current_text(kind),
                                        created_at=timezone.now())


def choose(member, wanted):
    """Record what the member chose (``{kind: granted}``), only where it changes the
    state; returns the records made. Withdrawing the directory withdraws the
    email address too: it is shown only on a profile."""
    if not wanted.get(DIRECTORY, True):
        wanted = {**wanted, EMAIL: False}
    made = []
    with _changing(member):
        current = state(member)
        for kind in (DIRECTORY, EMAIL):
            if kind in wanted and bool(wanted[kind]) != current[kind]:
                made.append(record(member, kind, bool(wanted[kind])))
    return made
