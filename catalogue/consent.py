"""Who sees which project, and its contact details: the one consent check.

Every place that shows projects asks here: the catalogue pages, the home
page card, the coordinators' export and summary, the personal data download
and the search index (``listed_projects``).

* A project is listed (seen by other participants) while the latest
  ``ConsentRecord`` of kind "listing" for it is a grant.
* Its contact details are shown to others while it is listed and the latest
  record of kind "contact" is a grant.
* Owners and coordinators always see the project and its contact details.

A consent is a person's, and never passes silently to someone else:

* An owner agrees to show their own contact details, or those of a contact
  person who is not an owner (for whom they speak); a co-owner's details
  are shown only with that co-owner's own consent (``may_grant_contact``).
* A contact consent covers the details it was given for: when they change,
  Leerkring records a withdrawal (reason "contact changed") and the owner
  who saves is asked again.
* When an owner deletes their account, the consents they gave end with a
  withdrawal Leerkring records (no member, reason "owner left"); the
  remaining owners are told and a listing comes back only when one of them
  confirms it (``owner_leaves``, ``confirm_listing``). Consents a remaining
  owner gave themselves stay.

The state is read from the append-only records on every request (a
subquery, no copy to keep in step), so a withdrawal counts at once. What
records a change only when the state differs reads and appends with the
project's row locked (``_changing``): two requests at once cannot both see
"withdrawn" and both grant, so every record is a change.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

import caching
from accounts import consent_texts
from accounts.roles import is_coordinator  # noqa: F401 - the catalogue's views ask it here

from .models.records import ConsentKind, ConsentRecord, ConsentText, Project

LISTING = ConsentKind.LISTING
CONTACT = ConsentKind.CONTACT


def _latest(kind):
    return Subquery(ConsentRecord.objects.filter(project=OuterRef("pk"), kind=kind)
                    .order_by("-pk").values("granted")[:1])


def with_consent(projects):
    """Annotate ``listed`` and ``contact_consented`` (True, False or None when never asked)."""
    return projects.annotate(listed=_latest(LISTING), contact_consented=_latest(CONTACT))


def listed_projects():
    """The projects every participant may see: for the catalogue, exports and search."""
    return with_consent(Project.objects.all()).filter(listed=True)


def listed_project_pks(request=None):
    """The primary keys of the listed projects (a frozenset), kept in the shared
    cache until a project or a consent changes ("catalogue" scope): a
    withdrawal is a new record, so it still counts at once."""
    return caching.remember("catalogue", "listed-project-pks", lambda: frozenset(
        listed_projects().values_list("pk", flat=True)))


def projects_shown_to(user):
    """The projects ``user`` may see; ``None`` (nobody in particular) gets the listed ones."""
    if user is None:
        return listed_projects()
    if not user.is_authenticated or not user.is_active:
        return Project.objects.none()
    projects = with_consent(Project.objects.all())
    if is_coordinator(user):
        return projects
    own = Exists(Project.owners.through.objects.filter(project_id=OuterRef("pk"), user_id=user.pk))
    return projects.filter(Q(listed=True) | own)


def is_owner(user, project):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    owner_ids = getattr(project, "_owner_ids", None)
    if owner_ids is None:
        owner_ids = set(project.owners.values_list("pk", flat=True))
        project._owner_ids = owner_ids
    return user.pk in owner_ids


def may_edit(user, project):
    return is_owner(user, project)


def state(project):
    """``{kind: granted}`` for both consents now in force (False when never given)."""
    latest = {}
    for record in ConsentRecord.objects.filter(project=project).order_by("pk"):
        latest[record.kind] = record.granted
    return {LISTING: latest.get(LISTING, False), CONTACT: latest.get(CONTACT, False)}


def may_see_contact(user, project):
    """Name, email and phone of the contact person: owners, coordinators, or with consent."""
    if is_owner(user, project) or is_coordinator(user):
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    current = state(project)
    return current[LISTING] and current[CONTACT]


def contact_shown(user, project):
    """Like ``may_see_contact``, using the annotations of ``with_consent`` (no query)."""
    if is_owner(user, project) or is_coordinator(user):
        return True
    return bool(getattr(project, "listed", False) and getattr(project, "contact_consented",
                                                              False))


@contextmanager
def _changing(project):
    """Read the state and record changes of ``project`` one request at a time: a
    transaction holding the project's row (SQLite already takes turns; PostgreSQL
    needs the row lock). NO KEY UPDATE: the records' foreign keys to the project
    take a KEY SHARE lock, which this one does not wait for."""
    with transaction.atomic():
        list(Project.objects.select_for_update(no_key=True).filter(pk=project.pk)
             .values_list("pk"))
        yield


def current_text(kind):
    """The version of the consent text asked now (the highest)."""
    return consent_texts.current_text(ConsentText, kind)


add_text = consent_texts.add_text


def history(project):
    """Every grant and withdrawal of ``project``, oldest first."""
    return ConsentRecord.objects.filter(project=project).select_related("user", "text") \
        .order_by("pk")


def record(user, project, kind, granted, text=None, reason=""):
    """Append a grant or withdrawal (always, even when the state does not change).

    ``user`` None with a ``reason`` is a withdrawal Leerkring records itself.
    """
    if kind not in (LISTING, CONTACT):
        raise ValueError(f"Unknown consent {kind!r}")
    if reason and (granted or user is not None):
        raise ValueError("Only Leerkring's own withdrawals have a reason.")
    text = text or current_text(kind)
    entry = ConsentRecord.objects.create(
        project=project, project_title=project.title, user=user, kind=kind,
        granted=granted, text=text, created_at=timezone.now(), reason=reason)
    return entry


def grant(user, project, kind):
    return record(user, project, kind, True)


def withdraw(user, project, kind):
    return record(user, project, kind, False)


def set_consents(user, project, wanted):
    """Bring the consents to ``wanted`` ({kind: bool}), recording only what changes."""
    with _changing(project):
        current = state(project)
        if wanted.get(CONTACT) and not current[CONTACT] and not may_grant_contact(
                user, project, project.contact_email):
            # The forms say so first (ConsentForm, ProjectForm); this is the last guard.
            raise PermissionError("Co-owners agree to show their own contact details.")
        changed = []
        for kind in (LISTING, CONTACT):
            if kind in wanted and bool(wanted[kind]) != current[kind]:
                record(user, project, kind, bool(wanted[kind]))
                changed.append(kind)
        return changed


def consents_by_version():
    """For coordinators: per consent text version, how many projects have it in force."""
    rows = []
    latest = {}
    for entry in ConsentRecord.objects.exclude(project=None).select_related("text") \
            .order_by("pk"):
        latest[(entry.project_id, entry.kind)] = entry
    for text in ConsentText.objects.order_by("kind", "version"):
        in_force = [e for e in latest.values() if e.text_id == text.pk and e.granted]
        rows.append({"text": text, "count": len(in_force)})
    return rows


def _latest_records(project):
    latest = {}
    for entry in ConsentRecord.objects.filter(project=project).order_by("pk"):
        latest[entry.kind] = entry
    return latest


def _owner_addresses(project, but=None):
    return {email.lower() for pk, email in project.owners.values_list("pk", "email")
            if but is None or pk != but.pk}


def may_grant_contact(user, project, contact_email, co_owner_addresses=()):
    """Whether ``user`` may agree to show ``contact_email``'s details with ``project``:
    their own, or a contact person's who is not (and is not being made) a co-owner."""
    address = (contact_email or "").strip().lower()
    if address == user.email:
        return True
    others = {a.lower() for a in co_owner_addresses}
    if project is not None:
        others |= _owner_addresses(project, but=user)
    return address not in others


def end_for_new_contact(project):
    """The contact details changed: the consent given for the old ones ends."""
    with _changing(project):
        if state(project)[CONTACT]:
            record(None, project, CONTACT, False,
                   reason=ConsentRecord.Reason.CONTACT_CHANGED)


def owner_leaves(leaving, project):
    """``leaving`` is about to stop owning ``project`` (their account goes): end what
    they agreed to, unless a remaining owner gave it. Returns the kinds ended."""
    with _changing(project):
        remaining = set(project.owners.exclude(pk=leaving.pk).values_list("pk", flat=True))
        ended = []
        latest = _latest_records(project)
        own_details = (project.contact_email or "").lower() == leaving.email
        for kind in (LISTING, CONTACT):
            entry = latest.get(kind)
            if entry is None or not entry.granted:
                continue
            given_by_remaining = entry.user_id in remaining
            if given_by_remaining and not (kind == CONTACT and own_details):
                continue
            record(None, project, kind, False, reason=ConsentRecord.Reason.OWNER_LEFT)
            ended.append(kind)
        return ended


def awaits_confirmation(project):
    """True while the project is unlisted only because an owner who agreed has left."""
    entry = _latest_records(project).get(LISTING)
    return entry is not None and entry.reason == ConsentRecord.Reason.OWNER_LEFT


def confirm_listing(user, project):
    """A remaining owner confirms, with one action, that the project is shown again."""
    if not is_owner(user, project):
        raise PermissionError
    with _changing(project):
        if not state(project)[LISTING]:
            record(user, project, LISTING, True)
