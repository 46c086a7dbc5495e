"""Teams: asking to join, accepting, leaving and removing; meetings, minutes and their
files; the index; the admin; the demo; queries that do not grow with a team."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members import consent, team_content
from members import teams as rules
from members.models import JoinRequest, Minutes, Team, TeamMeeting, TeamMembership, TeamRole
from tests.members.team_fixtures import *  # noqa: F403
from tests.members.team_fixtures import PDF, add_minutes, attach_file, listed, team_url

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


# --- Joining -----------------------------------------------------------------------------


def test_ask_to_join_then_withdraw(client, team, teams_page, people):
    client.force_login(people["outsider"])
    url = team_url(teams_page, team)
    assert "Ask to join" in client.get(url).content.decode() or \
        "Vraag om lid te worden" in client.get(url).content.decode()
    response = client.post(team_url(teams_page, team, "join"), {"message": "Mag ik erbij?"})
    assert response.status_code == 302
    request = JoinRequest.objects.get(team=team, user=people["outsider"])
    assert request.message == "Mag ik erbij?"
    page = client.get(url).content.decode()
    assert 'class="badge badge--pending"' in page and "/withdraw/" in page
    client.post(team_url(teams_page, team, "withdraw"))
    assert not JoinRequest.objects.filter(team=team, user=people["outsider"]).exists()


def test_changes_are_posts_only(client, team, teams_page, people):
    client.force_login(people["outsider"])
    assert client.get(team_url(teams_page, team, "join")).status_code == 404
    assert not JoinRequest.objects.filter(team=team).exists()


def test_the_english_team_is_the_same_team(client, team, english_teams_page, people):
    client.force_login(people["outsider"])
    client.post(team_url(english_teams_page, team, "join"), {"message": ""})
    assert JoinRequest.objects.get(user=people["outsider"]).team == team  # the source
    client.force_login(people["member"])
    html = client.get(team_url(english_teams_page, team)).content.decode()
    assert "Textile team" in html and "Verslag geheimwoord" in html


def test_the_leader_accepts_and_the_member_is_told_in_their_language(
        client, team, teams_page, people, sent, make_member):
    newcomer = make_member(language="en")
    join_request = rules.ask_to_join(newcomer, team, "Hello")
    client.force_login(people["leader"])
    page = client.get(team_url(teams_page, team)).content.decode()
    # Without consent the leader is not told the newcomer's name.
    assert newcomer.full_name not in page and "Hello" in page
    mail.outbox.clear()
    with sent():
        client.post(team_url(teams_page, team, "decide", pk=join_request.pk, decision="accept"))
    assert TeamMembership.objects.filter(team=team, user=newcomer).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [newcomer.email]
    assert "Textile team" in mail.outbox[0].subject
    assert "/en/teams/textile-team/" in mail.outbox[0].body


def test_only_the_leader_or_a_coordinator_decides(client, team, teams_page, people, sent):
    join_request = rules.ask_to_join(people["outsider"], team)
    client.force_login(people["member"])
    with sent():
        client.post(team_url(teams_page, team, "decide", pk=join_request.pk,
                              decision="accept"))
    assert not rules.is_member(people["outsider"], team)
    with pytest.raises(rules.Refused):
        rules.accept(people["member"], join_request)
    client.force_login(people["coordinator"])
    page = client.get(team_url(teams_page, team)).content.decode()
    assert people["outsider"].full_name in page  # coordinators run the teams
    client.post(team_url(teams_page, team, "decide", pk=join_request.pk, decision="decline"))
    assert not JoinRequest.objects.filter(team=team).exists()
    assert not TeamMembership.objects.filter(team=team, user=people["outsider"]).exists()


def test_an_accepted_request_is_handled_once(team, people, sent):
    join_request = rules.ask_to_join(people["outsider"], team)
    mail.outbox.clear()
    with sent():
        assert rules.accept(people["leader"], join_request) is not None
        assert rules.accept(people["coordinator"], join_request) is None
    assert len(mail.outbox) == 1


def test_the_leader_removes_a_member_who_then_sees_nothing(client, team, teams_page, people):
    client.force_login(people["leader"])
    client.post(team_url(teams_page, team, "remove", user_pk=people["member"].pk))
    assert not rules.is_member(people["member"], team)
    client.force_login(people["member"])
    assert "Verslag geheimwoord" not in client.get(team_url(teams_page, team)).content.decode()
    # A member cannot remove anyone.
    client.post(team_url(teams_page, team, "remove", user_pk=people["leader"].pk))
    assert rules.is_leader(people["leader"], team)


def test_membership_is_read_per_request_not_kept(client, team, teams_page, people):
    """Removed in the admin (another request): the next page no longer shows the inside."""
    client.force_login(people["member"])
    url = team_url(teams_page, team)
    assert "Verslag geheimwoord" in client.get(url).content.decode()
    TeamMembership.objects.filter(user=people["member"]).delete()
    assert "Verslag geheimwoord" not in client.get(url).content.decode()


# --- Names -------------------------------------------------------------------------------


def test_members_without_consent_are_counted_not_named(client, team, teams_page, people,
                                                       make_member):
    hidden = make_member(first_name="Verborgen", last_name="Persoon")
    TeamMembership.objects.create(team=team, user=hidden)
    add_minutes(team, hidden, title="Verslag van iemand")
    client.force_login(people["member"])
    html = client.get(team_url(teams_page, team)).content.decode()
    assert "Verborgen" not in html
    assert "zonder openbaar profiel" in html or "without a public profile" in html
    assert html.count("Een teamlid") + html.count("A team member") >= 1
    assert "/nl/leden/mik-lid/" in html  # consented members link to their profile
    consent.choose(people["member"], {consent.DIRECTORY: False})  # withdrawn: at once
    html = client.get(team_url(teams_page, team)).content.decode()
    assert "/nl/leden/mik-lid/" not in html


def test_an_unconsented_leader_is_not_named_on_the_index(client, team, teams_page, people):
    client.force_login(people["outsider"])
    assert "Lea Leider" in client.get(teams_page.url).content.decode()
    consent.choose(people["leader"], {consent.DIRECTORY: False})
    html = client.get(teams_page.url).content.decode()
    assert "Lea Leider" not in html and "Textielteam" in html


def test_your_teams_come_first_on_the_index(client, team, teams_page, people):
    client.force_login(people["member"])
    html = client.get(teams_page.url).content.decode()
    assert html.index("Textielteam") < html.index("Catering")
    client.force_login(people["outsider"])
    html = client.get(teams_page.url).content.decode()
    assert html.index("Catering") < html.index("Textielteam")


# --- Meetings, minutes and files ----------------------------------------------------------


def test_a_member_adds_a_meeting_in_brussels_time(client, team, teams_page, people):
    client.force_login(people["member"])
    response = client.post(team_url(teams_page, team, "new_meeting"), {
        "title": "Zomeroverleg", "day": "2027-07-01", "starts": "14:00", "ends": "15:30",
        "place": "", "online_url": "https://meet.example.org/zomer"})
    assert response.status_code == 302
    meeting = TeamMeeting.objects.get(title="Zomeroverleg")
    assert meeting.starts_at == datetime.datetime(2027, 7, 1, 14, 0, tzinfo=BRUSSELS)
    assert meeting.team == team and meeting.created_by == people["member"]
    ics = client.get(team_url(teams_page, team, "meeting_calendar", pk=meeting.pk))
    assert "DTSTART:20270701T120000Z" in ics.content.decode()  # 14:00 in summer is 12:00 UTC


def test_a_meeting_needs_a_place_or_link_and_an_end_after_its_start(client, team, teams_page,
                                                                     people):
    client.force_login(people["member"])
    response = client.post(team_url(teams_page, team, "new_meeting"), {
        "title": "Zonder plaats", "day": "2027-07-01", "starts": "14:00", "ends": "13:00",
        "place": "", "online_url": "javascript:alert(1)"})
    assert response.status_code == 200
    assert not TeamMeeting.objects.filter(title="Zonder plaats").exists()
    assert set(response.context["form"].errors) >= {"ends", "online_url"}
    assert "Zonder plaats" in response.content.decode()  # what was typed stays


def test_minutes_are_markdown_rendered_safely_and_edited_by_author_or_leader(
        client, team, teams_page, people):
    client.force_login(people["leader"])
    response = client.post(team_url(teams_page, team, "new_minutes"), {
        "held_on": "2026-02-01", "title": "Verslag februari",
        "body": "**Besluit**: we testen. <script>alert(1)</script>"})
    minutes = Minutes.objects.get(title="Verslag februari")
    assert response.status_code == 302 and minutes.author == people["leader"]
    assert "<strong>Besluit</strong>" in minutes.body_html and "<script>" not in minutes.body_html
    edit = team_url(teams_page, team, "edit_minutes", pk=minutes.pk)
    client.force_login(people["member"])  # not its author, not the leader
    assert client.get(edit).status_code == 404
    client.force_login(people["leader"])
    member_minutes = team_url(teams_page, team, "edit_minutes", pk=team.minutes_entry.pk)
    assert client.get(member_minutes).status_code == 200  # the leader edits all
    client.post(member_minutes, {"held_on": "2026-01-15", "title": "Verslag herzien",
                                 "body": "Herzien door de leider."})
    team.minutes_entry.refresh_from_db()
    assert team.minutes_entry.title == "Verslag herzien"
    assert team.minutes_entry.author == people["member"]  # still signed by its author


def test_minutes_newest_first(client, team, teams_page, people):
    add_minutes(team, people["leader"], title="Nieuwste verslag")
    Minutes.objects.filter(title="Nieuwste verslag").update(held_on="2026-03-01")
    client.force_login(people["member"])
    html = client.get(team_url(teams_page, team)).content.decode()
    assert html.index("Nieuwste verslag") < html.index("Verslag geheimwoord")


def test_the_team_page_shows_the_newest_minutes_and_pages_through_the_rest(
        client, team, teams_page, people):
    for n in range(team_content.MINUTES_SHOWN + team_content.MINUTES_PER_PAGE):
        entry = add_minutes(team, people["leader"], title=f"Verslag nummer {n:02d}")
        Minutes.objects.filter(pk=entry.pk).update(
            held_on=datetime.date(2026, 2, 1) + datetime.timedelta(days=n))
    client.force_login(people["member"])
    html = client.get(team_url(teams_page, team)).content.decode()
    newest = team_content.MINUTES_SHOWN + team_content.MINUTES_PER_PAGE - 1
    assert f"Verslag nummer {newest:02d}" in html
    assert "Verslag nummer 00" not in html and "Verslag geheimwoord" not in html
    older = Minutes.objects.filter(team=team).count() - team_content.MINUTES_SHOWN
    all_url = team_url(teams_page, team, "all_minutes")
    assert f'href="{all_url}"' in html and f"({older} oudere)" in html

    first = client.get(all_url).content.decode()
    assert f"Verslag nummer {newest:02d}" in first and "Verslag nummer 00" not in first
    last = client.get(all_url + "?page=2").content.decode()
    assert "Verslag nummer 00" in last and "Verslag geheimwoord" in last
    assert 'href="?page=1"' in last

    client.force_login(people["outsider"])
    assert client.get(all_url).status_code == 404


def test_new_minutes_and_meetings_show_at_once(client, team, teams_page, people):
    """The page's shared part is kept, and a change starts a new generation."""
    client.force_login(people["member"])
    url = team_url(teams_page, team)
    assert "Verslag van vandaag" not in client.get(url).content.decode()
    add_minutes(team, people["leader"], title="Verslag van vandaag")
    TeamMeeting.objects.filter(pk=team.meeting.pk).update(title="Overleg verzet")
    TeamMeeting.objects.get(pk=team.meeting.pk).save()
    html = client.get(url).content.decode()
    assert "Verslag van vandaag" in html and "Overleg verzet" in html
    people["leader"].first_name = "Leonie"
    people["leader"].save(update_fields=["first_name"])
    assert "Leonie Leider" in client.get(url).content.decode()


def test_a_meeting_that_ended_since_the_hour_began_is_an_earlier_one(team, people):
    from django.utils import timezone

    now = timezone.now()
    hour = now.replace(minute=0, second=0, microsecond=0)
    ended = TeamMeeting.objects.create(team=team, title="Net afgelopen",
                                       starts_at=hour - datetime.timedelta(minutes=30),
                                       ends_at=hour + datetime.timedelta(minutes=1), place="Gent")
    kept = team_content.content(team)
    assert ended in kept.coming
    upcoming, earlier = team_content.meetings(kept, now=hour + datetime.timedelta(minutes=2))
    assert ended not in upcoming and ended in earlier
    assert team.meeting in upcoming
    upcoming, earlier = team_content.meetings(kept, now=hour)
    assert ended in upcoming and ended not in earlier


def test_an_author_who_left_no_longer_edits_their_minutes(client, team, teams_page, people):
    rules.leave(people["member"], team)
    assert not rules.may_edit_minutes(people["member"], team.minutes_entry)


def test_attachments_pass_the_upload_checks(client, team, teams_page, people):
    client.force_login(people["member"])
    url = team_url(teams_page, team, "edit_minutes", pk=team.minutes_entry.pk)
    fake = SimpleUploadedFile("nep.pdf", b"MZ this is no pdf", content_type="application/pdf")
    response = client.post(url, {"upload": "1", "title": "Nep", "file": fake})
    assert response.status_code == 200 and response.context["upload"].errors["file"]
    exe = SimpleUploadedFile("virus.exe", PDF, content_type="application/octet-stream")
    response = client.post(url, {"upload": "1", "file": exe})
    assert response.context["upload"].errors["file"]
    good = SimpleUploadedFile("agenda.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {"upload": "1", "file": good})
    assert response.status_code == 302
    assert team.minutes_entry.attachments.filter(title="agenda").exists()


def test_attachments_are_never_served_from_media(client, team, people):
    client.force_login(people["member"])
    response = client.get("/media/" + team.attachment.file.name)
    assert response.status_code == 404


# --- Queries -----------------------------------------------------------------------------


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_team_page_queries_do_not_grow(client, team, teams_page, people, make_member):
    client.force_login(people["leader"])
    url = team_url(teams_page, team)
    few = _queries(client, url)
    few_index = _queries(client, teams_page.url)
    for n in range(12):
        member = make_member()
        if n % 2:
            listed(member)
        TeamMembership.objects.create(team=team, user=member,
                                      role=TeamRole.LEADER if n == 0 else TeamRole.MEMBER)
        attach_file(add_minutes(team, member, title=f"Verslag {n}"))
        JoinRequest.objects.create(team=team, user=make_member(), message=f"Vraag {n}")
    assert _queries(client, url) == few
    assert _queries(client, teams_page.url) == few_index


# --- The admin and the demo ----------------------------------------------------------------


def test_coordinators_manage_memberships_of_source_teams_only(client, team, people):
    client.force_login(people["coordinator"])
    response = client.get("/admin/team_memberships/new/")
    assert response.status_code == 200
    choices = [str(choice[1]) for choice in response.context["form"].fields["team"].choices]
    assert "Textielteam" in choices and "Textile team" not in choices
    assert client.get("/admin/snippets/members/team/").status_code == 200
    client.force_login(people["member"])
    assert client.get("/admin/team_memberships/").status_code in (302, 403)


def test_translators_may_not_change_the_dutch_team(team, translator):
    from translations.permissions import may_change

    english = Team.objects.get(translation_key=team.translation_key, locale__language_code="en")
    assert not may_change(translator, team) and may_change(translator, english)
    assert translator.has_perm("members.change_team")


def test_the_demo_has_three_teams_with_minutes_and_a_team_question(demo):
    from forum.models import Question

    sources = Team.objects.filter(locale__language_code="nl")
    assert {t.name for t in sources} == {"ICT", "Kantoormeubilair", "Catering"}
    assert set(Team.objects.filter(locale__language_code="en").values_list(
        "name", flat=True)) == {"ICT", "Office furniture", "Catering"}
    for team in sources:
        assert team.memberships.filter(role=TeamRole.LEADER).exists()
        assert team.meetings.count() == 2 and team.minutes.exists()
        assert team.minutes.first().attachments.exists()
    assert TeamMembership.objects.filter(user__email="participant@example.org").exists()
    assert Question.objects.filter(team__isnull=False).exists()
    leaders = [m.user for m in TeamMembership.objects.filter(role=TeamRole.LEADER)]
    assert any(leader.pk in consent.listed_member_ids() for leader in leaders)
