"""Co-owners are invited and accept first; the form never tells who is a member."""

from django.core import mail

from catalogue import consent
from catalogue.models import Project
from tests.catalogue.test_projects import form_data


def _new_project(client, owner, url, sent, **changes):
    client.force_login(owner)
    with sent():
        response = client.post(url("new"), form_data(consent_listing=None, **changes),
                               follow=True)
    return response, Project.objects.get(title="Circulaire printers")


def test_an_invited_colleague_has_no_access_before_accepting(client, make_member, url, sent):
    """Until they accept, the invitee is no owner: no edit, no consent, no unlisted project."""
    owner, colleague = make_member(), make_member()
    _, project = _new_project(client, owner, url, sent, co_owners=colleague.email.upper())
    assert list(project.owners.all()) == [owner]
    client.force_login(colleague)
    for route in ("project", "edit", "consent"):
        assert client.get(url(route, pk=project.pk)).status_code in (403, 404)
    assert client.post(url("consent", pk=project.pk), {"consent_listing": "on"}).status_code \
        in (403, 404)
    assert consent.state(project)[consent.LISTING] is False
    # The invitation waits on their "my projects" page; accepting makes them an owner.
    mine = client.get(url("mine")).content.decode()
    assert project.title in mine and url("accept_invitation", pk=project.pk) in mine
    assert client.post(url("accept_invitation", pk=project.pk)).status_code == 302
    assert set(project.owners.all()) == {owner, colleague}
    assert client.get(url("edit", pk=project.pk)).status_code == 200


def test_a_declined_invitation_changes_nothing(client, make_member, url, sent):
    """Declining removes the invitation; the project stays out of reach."""
    owner, colleague = make_member(), make_member()
    _, project = _new_project(client, owner, url, sent, co_owners=colleague.email)
    client.force_login(colleague)
    assert client.post(url("decline_invitation", pk=project.pk)).status_code == 302
    assert url("accept_invitation", pk=project.pk) not in client.get(url("mine")).content \
        .decode()
    assert client.post(url("accept_invitation", pk=project.pk)).status_code == 404
    assert list(project.owners.all()) == [owner]


def test_the_invitee_is_told_by_email(client, make_member, url, sent):
    """A member who is invited gets an email pointing at their projects page."""
    owner, colleague = make_member(), make_member()
    mail.outbox.clear()
    _new_project(client, owner, url, sent, co_owners=colleague.email)
    assert [m.to for m in mail.outbox] == [[colleague.email]]
    assert url("mine") in mail.outbox[0].body


def test_a_member_and_a_stranger_get_the_same_answer(client, make_member, url, sent):
    """Inviting a member's address and an unknown address look exactly alike."""
    owner, colleague = make_member(), make_member()
    member_answer, _ = _new_project(client, owner, url, sent, co_owners=colleague.email)
    Project.objects.all().filter(title="Circulaire printers").delete()
    stranger_answer, _ = _new_project(client, owner, url, sent,
                                      co_owners="nobody@nowhere.example")

    assert member_answer.status_code == stranger_answer.status_code == 200
    assert ([str(m) for m in member_answer.context["messages"]]
            == [str(m) for m in stranger_answer.context["messages"]])
    member_page = member_answer.content.decode()
    stranger_page = stranger_answer.content.decode()
    # Both addresses are listed alike, as invited.
    assert colleague.email in member_page and "nobody@nowhere.example" in stranger_page
    for page in (member_page, stranger_page):
        assert "no member" not in page.lower() and "geen lid" not in page.lower()


def test_an_unknown_address_in_the_form_gets_no_error(client, participant, url):
    """The form accepts any well-formed address; only a malformed one is an error."""
    client.force_login(participant)
    response = client.post(url("new"), form_data(co_owners="nobody@nowhere.example"))
    assert response.status_code == 302
    response = client.post(url("new"), form_data(title="Tweede", co_owners="not an address"))
    assert response.status_code == 200 and "co_owners" in response.context["form"].errors
    assert "not an address" in response.content.decode()


def test_an_address_too_long_to_keep_is_refused_with_the_typed_text(client, make_member, url):
    """A valid address longer than the column (254) was a 500 on PostgreSQL, which
    enforces the length SQLite ignores: now a form error, nothing stored, text kept."""
    owner = make_member()
    client.force_login(owner)
    address = "a" * 290 + "@example.org"
    response = client.post(url("new"), form_data(consent_listing=None, co_owners=address))
    assert response.status_code == 200
    assert not Project.objects.filter(title="Circulaire printers").exists()
    html = response.content.decode()
    assert address in html and "Controleer deze e-mailadressen" in html
