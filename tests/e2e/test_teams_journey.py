"""Ask to join a team, get accepted by its leader, read the minutes; leave and lose them."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

from members.models import Minutes, Team, TeamIndexPage, TeamMembership
from tests.e2e.conftest import log_in_session


def _(message):
    with translation.override("nl"):
        return translation.gettext(message)


def test_join_be_accepted_read_the_minutes_then_leave(browser, site, make_member):
    joiner = make_member(email="joiner@example.org", first_name="Jana", last_name="Nieuw")
    leader = get_user_model().objects.get(email="tom.willems@example.org")
    teams = TeamIndexPage.objects.get(locale__language_code="nl")
    team = Team.objects.get(locale__language_code="nl", slug="catering")
    minutes = Minutes.objects.filter(team=team).first()
    attachment = minutes.attachments.first()

    joining_context = browser.new_context(base_url=site.url)
    log_in_session(joining_context, site, joiner)
    joining = joining_context.new_page()
    joining.goto(teams.url)
    joining.get_by_role("link", name="Catering", exact=True).click()
    assert minutes.title not in joining.content()
    joining.get_by_label(_("Message to the team leader (optional)")).fill("Ik koop in voor "
                                                                           "scholen.")
    joining.get_by_role("button", name=_("Ask to join")).click()
    joining.get_by_text(_("Your request is sent to the team leader.")).wait_for()
    assert joining.get_by_role("button", name=_("Withdraw my request")).is_visible()

    # The leader accepts; the new member is told by email.
    leading_context = browser.new_context(base_url=site.url)
    log_in_session(leading_context, site, leader)
    leading = leading_context.new_page()
    leading.goto(teams.url + "catering/")
    requests = leading.locator("#requests")
    assert "Ik koop in voor scholen." in requests.inner_text()
    requests.get_by_role("button", name=_("Accept")).click()
    leading.get_by_text(_("Accepted: the new member is told by email.")).wait_for()
    assert [m.to for m in mail.outbox if "joiner" in m.to[0]] == [[joiner.email]]

    # The member sees the minutes and their file.
    joining.reload()
    assert joining.get_by_role("heading", name=minutes.title).is_visible()
    file_url = f"{teams.url}catering/files/{attachment.pk}/"
    assert joining.locator(f'a[href="{file_url}"]').count() == 1
    assert joining.request.get(file_url).status == 200

    # Leaving takes them away at once.
    joining.get_by_role("link", name=_("Leave this team")).click()
    joining.get_by_role("button", name=_("Yes, leave the team")).click()
    joining.get_by_text(_("You have left the team %(team)s.") % {"team": "Catering"}).wait_for()
    assert not TeamMembership.objects.filter(team=team, user=joiner).exists()
    joining.goto(teams.url + "catering/")
    assert minutes.title not in joining.content()
    assert joining.get_by_role("button", name=_("Ask to join")).is_visible()
    assert joining.request.get(file_url).status == 404
    joining_context.close()
    leading_context.close()
