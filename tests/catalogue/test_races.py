"""Consents, consent texts and co-owner invitations changed from many requests at once.

SQLite lets one writer in at a time, which hid these races; ``make test`` runs
them on PostgreSQL too. A transactional test starts from whatever the one
before left (possibly an empty database), so each makes what it needs.
"""

import pytest
from django.utils import timezone

from accounts.consent_texts import form_for
from catalogue import consent, invitations
from catalogue.models import ConsentRecord, ConsentText, CoOwnerInvitation, Project
from tests import races

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 20


def _errors(results):
    return [value for outcome, value in results if outcome == "error"]


def _texts():
    for kind in (consent.LISTING, consent.CONTACT):
        if not ConsentText.objects.filter(kind=kind).exists():
            ConsentText.objects.create(kind=kind, version=1, text_nl="Ik stem in.",
                                       text_en="I agree.")


def _project(*owners):
    _texts()
    project = Project.objects.create(title="Koffie", organisation="Stad Leuven", year=2020,
                                     contact_name="Karel", contact_email="karel@leuven.example")
    project.owners.set(owners)
    return project


def test_consents_changed_at_once_record_each_change_once(make_member):
    """Two owners switch listing and contact on and off from 20 requests at once: each
    record is a change (a grant follows a withdrawal and back), none is recorded twice,
    and the state in force is the last record."""
    owners = [make_member(), make_member()]
    project = _project(*owners)

    def choose(n):
        # Fresh from the database, as a request has it.
        mine = Project.objects.get(pk=project.pk)
        return consent.set_consents(owners[n % 2], mine, {consent.LISTING: n % 2 == 0,
                                                          consent.CONTACT: n % 4 < 2})

    results = races.race(choose, ATTEMPTS)

    assert _errors(results) == []
    changes = sum(len(value) for _outcome, value in results)
    records = list(ConsentRecord.objects.filter(project=project).order_by("pk"))
    assert len(records) == changes
    for kind in (consent.LISTING, consent.CONTACT):
        steps = [r.granted for r in records if r.kind == kind]
        assert steps, kind
        # Never asked counts as withdrawn, so the first change is a grant.
        assert steps == [i % 2 == 0 for i in range(len(steps))], kind
        assert consent.state(project)[kind] == steps[-1]
    annotated = consent.with_consent(Project.objects.filter(pk=project.pk)).get()
    assert (annotated.listed, annotated.contact_consented) == (
        consent.state(project)[consent.LISTING], consent.state(project)[consent.CONTACT])


def test_a_confirmation_and_a_withdrawal_at_once_leave_one_consistent_history(make_member):
    """Remaining owners confirm a listing (after an owner left) while others withdraw it:
    every confirmation grants only what was withdrawn, so no grant follows a grant."""
    owners = [make_member() for _ in range(4)]
    project = _project(*owners)
    consent.grant(owners[0], project, consent.LISTING)
    consent.owner_leaves(owners[0], project)
    project.owners.remove(owners[0])
    remaining = owners[1:]

    def act(n):
        mine = Project.objects.get(pk=project.pk)
        if n % 3:
            return consent.confirm_listing(remaining[n % 3], mine)
        return consent.set_consents(remaining[0], mine, {consent.LISTING: False})

    results = races.race(act, ATTEMPTS)

    assert _errors(results) == []
    steps = [r.granted for r in ConsentRecord.objects.filter(
        project=project, kind=consent.LISTING).order_by("pk")]
    assert all(a != b for a, b in zip(steps, steps[1:], strict=False)), steps
    assert consent.state(project)[consent.LISTING] == steps[-1]


def test_consent_texts_added_at_once_get_consecutive_versions():
    """Coordinators adding new wordings at once: every one is saved, numbered after the
    last one, with no number twice and none skipped."""
    before = list(ConsentText.objects.filter(kind=consent.LISTING)
                  .values_list("version", flat=True))
    last, attempts = max(before, default=0), 8

    def add(n):
        form = form_for(ConsentText)({"kind": consent.LISTING, "text_nl": f"Tekst {n}",
                                "text_en": f"Text {n}"})
        assert form.is_valid(), form.errors
        return form.save().version

    results = races.race(add, attempts)

    assert _errors(results) == []
    versions = sorted(value for _outcome, value in results)
    assert versions == list(range(last + 1, last + attempts + 1))
    assert sorted(ConsentText.objects.filter(kind=consent.LISTING)
                  .values_list("version", flat=True)) == sorted(before) + versions
    assert consent.current_text(consent.LISTING).version == last + attempts


def test_an_invitation_accepted_twice_at_once_makes_one_owner(make_member):
    """A double click on "accept" (or two tabs): one owner row, the invitation gone."""
    owner, colleague = make_member(), make_member()
    project = _project(owner)
    CoOwnerInvitation.objects.create(project=project, email=colleague.email, invited_by=owner,
                                     created_at=timezone.now())

    results = races.race(lambda n: invitations.accept(colleague, project.pk), 10)

    assert _errors(results) == []
    assert any(value is not None for _outcome, value in results)
    through = Project.owners.through.objects.filter(project=project)
    assert sorted(through.values_list("user_id", flat=True)) == sorted([owner.pk,
                                                                        colleague.pk])
    assert not CoOwnerInvitation.objects.filter(project=project).exists()
