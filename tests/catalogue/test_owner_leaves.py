"""When an owner deletes their account, their consents end with them; nobody else's
details are shown and the project waits for a remaining owner to confirm listing."""

from django.core import mail
from django.utils import translation

from accounts import personal_data
from catalogue import consent, projects
from catalogue.models import ConsentRecord
from tests.catalogue.conftest import project_data


def _shared_project(owner, colleague, **changes):
    """A listed project with contact consent, given by ``owner``; ``colleague`` co-owns it."""
    fields = {"contact_name": owner.full_name, "contact_email": owner.email,
              "contact_phone": "+32 16 99 88 77", "consent_listing": True,
              "consent_contact": True, **changes}
    project = projects.save(owner, project_data(**fields))
    project.owners.add(colleague)  # an accepted invitation
    return project


def test_contact_details_are_shown_to_nobody_after_the_owner_who_agreed_leaves(
        client, make_member, url, sent):
    """No one's details stay shown under the consent of someone who left."""
    owner, colleague, other = make_member(), make_member(), make_member()
    project = _shared_project(owner, colleague)
    with sent():
        personal_data.delete_account(owner)
    assert consent.state(project)[consent.CONTACT] is False
    # Even once the colleague shows the project again, neither their details nor
    # the former owner's reach anybody else.
    consent.grant(colleague, project, consent.LISTING)
    client.force_login(other)
    page = client.get(url("project", pk=project.pk)).content.decode()
    assert client.get(url("project", pk=project.pk)).status_code == 200
    for detail in (colleague.email, colleague.full_name, owner.email, "+32 16 99 88 77"):
        assert detail not in page
    assert not consent.may_see_contact(other, project)


def test_the_project_is_not_listed_until_a_remaining_owner_confirms(
        client, make_member, url, sent):
    """Listing waits for a remaining owner, who is told and confirms with one action."""
    owner, colleague, other = make_member(), make_member(), make_member()
    project = _shared_project(owner, colleague)
    mail.outbox.clear()
    with sent():
        personal_data.delete_account(owner)
    assert not consent.listed_projects().filter(pk=project.pk).exists()
    client.force_login(other)
    assert client.get(url("project", pk=project.pk)).status_code == 404
    # The colleague is told by email and on the project, with a link to confirm.
    assert [m.to for m in mail.outbox] == [[colleague.email]]
    assert url("project", pk=project.pk) in mail.outbox[0].body
    client.force_login(colleague)
    page = client.get(url("project", pk=project.pk)).content.decode()
    assert url("confirm_listing", pk=project.pk) in page
    assert url("confirm_listing", pk=project.pk) in client.get(url("mine")).content.decode()
    response = client.post(url("confirm_listing", pk=project.pk))
    assert response.status_code == 302
    assert consent.listed_projects().filter(pk=project.pk).exists()
    latest = consent.history(project).last()
    assert (latest.kind, latest.granted, latest.user, latest.reason) == (
        "listing", True, colleague, "")
    client.force_login(other)
    assert client.get(url("project", pk=project.pk)).status_code == 200


def test_the_system_withdrawal_is_recorded_with_its_reason(client, make_member, url, sent):
    """The history shows that Leerkring withdrew both consents because an owner left."""
    owner, colleague = make_member(), make_member()
    project = _shared_project(owner, colleague)
    with sent():
        personal_data.delete_account(owner)
    ended = list(ConsentRecord.objects.filter(project=project, granted=False))
    assert {(r.kind, r.user, r.reason) for r in ended} == {
        ("listing", None, "owner_left"), ("contact", None, "owner_left")}
    client.force_login(colleague)
    page = client.get(url("consent", pk=project.pk)).content.decode()
    with translation.override(colleague.preferred_language):
        assert str(ConsentRecord.Reason.OWNER_LEFT.label) in page


def test_a_consent_given_by_a_remaining_owner_stays(make_member, sent):
    """Only the leaving owner's consents end: a co-owner's own choice is theirs to keep."""
    owner, colleague = make_member(), make_member()
    project = _shared_project(owner, colleague, consent_contact=False,
                              contact_email="info@leuven.example")
    consent.withdraw(colleague, project, consent.LISTING)
    consent.grant(colleague, project, consent.LISTING)
    with sent():
        personal_data.delete_account(owner)
    assert consent.listed_projects().filter(pk=project.pk).exists()


def test_an_owner_may_not_agree_to_show_a_co_owners_contact_details(client, make_member, url):
    """Co-owners agree to show their own details; another owner cannot do it for them."""
    from tests.catalogue.test_projects import form_data

    owner, colleague = make_member(), make_member()
    project = _shared_project(owner, colleague, consent_contact=False,
                              contact_email="info@leuven.example")
    client.force_login(owner)
    response = client.post(url("edit", pk=project.pk), form_data(
        contact_name=colleague.full_name, contact_email=colleague.email,
        co_owners=colleague.email, consent_contact="on"))
    assert response.status_code == 200 and response.context["form"].errors
    assert consent.state(project)[consent.CONTACT] is False
    # The colleague agrees for themselves.
    projects.save(colleague, project_data(
        contact_name=colleague.full_name, contact_email=colleague.email,
        co_owners=[owner.email], consent_listing=True, consent_contact=True), project)
    assert consent.state(project)[consent.CONTACT] is True


def test_new_contact_details_need_a_new_consent(make_member):
    """A consent covers the details it was given for, not the next contact person's."""
    owner, colleague = make_member(), make_member()
    project = _shared_project(colleague, owner, contact_name=colleague.full_name,
                              contact_email=colleague.email)
    projects.save(owner, project_data(contact_name="Jan Janssens",
                                      contact_email="jan@leuven.example",
                                      co_owners=[colleague.email], consent_listing=True,
                                      consent_contact=True), project)
    contact = [r for r in consent.history(project) if r.kind == "contact"]
    assert [(r.granted, r.user, r.reason) for r in contact] == [
        (True, colleague, ""), (False, None, "contact_changed"), (True, owner, "")]
