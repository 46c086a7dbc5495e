"""@mentions (members/mentions.py): consent decides at render time, a team's content
mentions its members only, the autocomplete lists no one else, saving minutes tells
the newly mentioned once, and a page's queries do not grow with its mentions."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from members import consent, mentions
from members.models import Profile, Team, TeamMembership
from tests.members.team_fixtures import *  # noqa: F403
from tests.members.team_fixtures import add_minutes, listed, team_url
from usertext.render import render_markdown

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(monkeypatch):
    """The calls of the one seam to the notifications: [(users, details)]."""
    calls = []
    monkeypatch.setattr(mentions, "notify_mentioned",
                        lambda users, **details: calls.append((list(users), details)))
    return calls


def _profile_url(member, language="nl"):
    return consent.profile_urls([member.pk], language)[member.pk]


def _shown(source, member_ids=None):
    html = render_markdown(source)
    return html, str(mentions.render(html, mentions.mentionable(member_ids), "nl"))


# --- Shown when the page is shown -----------------------------------------------------------


def test_a_listed_member_is_linked_until_they_withdraw(make_profile, make_member):
    anna = make_profile(make_member(first_name="Anna", last_name="de Vries"))
    html, shown = _shown("Vraag het @Anna de Vries.")
    assert f'<a href="{_profile_url(anna)}" class="mention">@Anna de Vries</a>' in shown
    consent.choose(anna, {consent.DIRECTORY: False})
    assert _shown("Vraag het @Anna de Vries.") == (html, html)


def test_a_member_who_did_not_consent_reads_like_a_name_nobody_has(unlisted, make_profile,
                                                                   make_member):
    """Whether Bert exists changes nothing in the page: not a link, not an escape."""
    unlisted(first_name="Bert", last_name="Verborgen")
    make_profile(make_member(first_name="Anna", last_name="de Vries"))
    for source in ("Hoi @Bert Verborgen & @Anna",  # "@Anna" matches nobody: "Anna de Vries"
                   "Hoi @Niemand Bestaand & co"):
        html, shown = _shown(source)
        assert shown == html


def test_a_new_name_counts_at_once(make_profile, make_member):
    anna = make_profile(make_member(first_name="Anna", last_name="de Vries"))
    anna.last_name = "Peeters"
    anna.save(update_fields=["last_name"])
    html, shown = _shown("@Anna de Vries en @Anna Peeters")
    assert shown.count('class="mention"') == 1 and '">@Anna Peeters</a>' in shown


def test_a_name_two_listed_members_share_links_to_neither(make_profile, make_member):
    first = make_profile(make_member(first_name="Jan", last_name="Peeters"))
    second = make_profile(make_member(first_name="Jan", last_name="Peeters"))
    html, shown = _shown("@Jan Peeters")
    assert shown == html
    assert mentions.mentioned(html, mentions.mentionable()) == [first.pk, second.pk]


def test_in_a_team_only_its_members_are_mentioned(team, people, make_profile, make_member):
    lisa = make_profile(make_member(first_name="Lisa", last_name="Buiten"))
    members = mentions.team_members([team.pk])[team.pk]
    html, shown = _shown("@Mik Lid en @Lisa Buiten", members)
    assert _profile_url(people["member"]) in shown
    assert _profile_url(lisa) not in shown and "@Lisa Buiten" in shown


def test_reserved_address(make_member):
    assert Profile.objects.of(make_member(first_name="Mentions", last_name="")).slug != "mentions"


# --- The autocomplete -----------------------------------------------------------------------


def _suggested(client, url, **query):
    response = client.get(url("mentions"), query)
    assert response.status_code == 200, response.status_code
    assert response["Cache-Control"] == "private, no-store"
    return [member["name"] for member in response.json()["members"]]


def test_suggestions_list_listed_members_only(client, url, make_profile, make_member, unlisted):
    anna = make_profile(make_member(first_name="Anna", last_name="de Vries",
                                    organisation="Stad Gent"))
    unlisted(first_name="Anneke", last_name="Verborgen")
    make_profile(make_member(first_name="Zoë", last_name="Ñandú"))
    writer = make_profile(make_member(first_name="Annelies", last_name="Schrijver"))
    client.force_login(writer)
    assert "Anna de Vries" in _suggested(client, url, q="An")
    names = _suggested(client, url, q="an")
    assert "Anneke Verborgen" not in names  # no consent
    assert "Annelies Schrijver" not in names  # not oneself
    assert _suggested(client, url, q="vri") == ["Anna de Vries"]  # a word of the name
    assert _suggested(client, url, q="nna d") == []  # words start where they start
    assert _suggested(client, url, q="zoe n") == ["Zoë Ñandú"]
    assert _suggested(client, url, q="verborgen") == []
    response = client.get(url("mentions"), {"q": "anna de"})
    assert response.json() == {"members": [{"name": "Anna de Vries",
                                            "organisation": "Stad Gent"}]}
    consent.choose(anna, {consent.DIRECTORY: False})
    assert _suggested(client, url, q="anna") == []
    assert _suggested(client, url, q="") == []


def test_at_most_eight_suggestions(client, url, make_profile, make_member, participant):
    for n in range(10):
        make_profile(make_member(first_name="Quinten", last_name=f"Lid{n}"))
    client.force_login(participant)
    assert len(_suggested(client, url, q="quinten")) == mentions.MAX_SUGGESTIONS == 8


def test_for_a_team_only_its_members_to_who_sees_inside(client, url, team, people,
                                                        make_profile, make_member):
    make_profile(make_member(first_name="Lisa", last_name="Buiten"))
    make_profile(make_member(first_name="Lieve", last_name="Lid"))
    for role in ("leader", "coordinator"):
        client.force_login(people[role])
        assert _suggested(client, url, q="li", team=team.pk) == ["Mik Lid"]
    english = Team.objects.get(translation_key=team.translation_key, locale__language_code="en")
    assert _suggested(client, url, q="li", team=english.pk) == ["Mik Lid"]  # the same team
    client.force_login(people["leader"])
    assert "Lisa Buiten" in _suggested(client, url, q="li")  # the open forum: all listed
    for role in ("outsider", "moderator"):
        client.force_login(people[role])
        assert client.get(url("mentions"), {"q": "li", "team": team.pk}).status_code == 404
    client.force_login(people["leader"])
    for hostile in ("abc", "-1", "0", "99999999999999999999", "１", "1 OR 1=1"):
        assert client.get(url("mentions"), {"q": "li", "team": hostile}).status_code == 404


def test_suggestions_need_a_login_and_are_limited(client, url, participant, monkeypatch):
    response = client.get(url("mentions"), {"q": "an"})
    assert response.status_code == 302 and "application/json" not in response["Content-Type"]
    client.force_login(participant)
    monkeypatch.setattr(mentions, "LOOKUPS_PER_MINUTE", 2)
    assert [client.get(url("mentions"), {"q": "an"}).status_code for _ in range(3)] == \
        [200, 200, 429]


# --- Minutes: who is told ------------------------------------------------------------------


def _write(client, teams_page, team, body, minutes=None):
    data = {"held_on": "2026-02-01", "title": "Verslag met namen", "body": body}
    if minutes is None:
        return client.post(team_url(teams_page, team, "new_minutes"), data)
    return client.post(team_url(teams_page, team, "edit_minutes", pk=minutes.pk), data)


def test_saved_minutes_tell_the_team_members_they_newly_mention(
        client, team, teams_page, people, make_profile, make_member, told, sent):
    make_profile(make_member(first_name="Lisa", last_name="Buiten"))  # listed, not in the team
    client.force_login(people["leader"])
    with sent():
        _write(client, teams_page, team,
               "Met @Mik Lid, @Lisa Buiten, @Otto Buiten en @Lea Leider zelf.")
    assert [users for users, _details in told] == [[people["member"]]]
    details = told[0][1]
    assert details["writer"] == "Lea Leider"
    assert details["url"]("en").endswith(f"/en/teams/textile-team/#minutes-{_last().pk}")
    assert details["where"]("en") == "the minutes “Verslag met namen” of Textile team"
    assert details["where"]("nl") == "het verslag “Verslag met namen” van Textielteam"
    assert details["excerpt"].startswith("Met @Mik Lid")

    # An edit tells only whom it adds; the writer and who was mentioned already, never.
    nora = listed(make_member(first_name="Nora", last_name="Nieuw"))
    TeamMembership.objects.create(team=team, user=nora)
    told.clear()
    with sent():
        _write(client, teams_page, team, "Met @Mik Lid en nu ook @Nora Nieuw.", _last())
        _write(client, teams_page, team, "Met @Mik Lid en nu ook @Nora Nieuw!", _last())
    assert [users for users, _details in told] == [[nora]]


def test_minutes_by_a_member_without_a_public_profile_stay_unsigned(
        client, team, teams_page, people, told, sent):
    author = people["member"]
    consent.choose(author, {consent.DIRECTORY: False})
    client.force_login(author)
    with sent():
        _write(client, teams_page, team, "Vraag voor @Lea Leider.")
    assert [users for users, _details in told] == [[people["leader"]]]
    with translation.override("nl"):
        assert str(told[0][1]["writer"]) == "Een teamlid"


def _last():
    from members.models import Minutes

    return Minutes.objects.order_by("-pk").first()


# --- The team page ---------------------------------------------------------------------------


def test_the_team_page_links_mentions_of_listed_team_members(client, team, teams_page, people,
                                                            make_profile, make_member):
    lisa = make_profile(make_member(first_name="Lisa", last_name="Buiten"))
    add_minutes(team, people["leader"], body="Actie voor @Mik Lid en @Lisa Buiten.")
    client.force_login(people["leader"])
    url = team_url(teams_page, team)
    html = client.get(url).content.decode()
    link = f'<a href="{_profile_url(people["member"])}" class="mention">@Mik Lid</a>'
    assert link in html and _profile_url(lisa) not in html
    assert 'data-mentions-url' not in html  # the team page itself has no text box
    consent.choose(people["member"], {consent.DIRECTORY: False})
    html = client.get(url).content.decode()
    assert 'class="mention"' not in html and "Actie voor @Mik Lid en @Lisa Buiten." in html
    form = client.get(team_url(teams_page, team, "new_minutes")).content.decode()
    assert f'data-mentions-url="/nl/leden/mentions/?team={team.pk}"' in form
    assert "js/mentions.js" in form


def test_team_page_queries_do_not_grow_with_mentions(client, team, teams_page, people,
                                                     make_member):
    client.force_login(people["leader"])
    add_minutes(team, people["leader"], body="Voor @Mik Lid.")
    url = team_url(teams_page, team)

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries)

    few = queries()
    names = []
    for n in range(10):
        member = make_member(first_name="Lid", last_name=f"Nummer{n}")
        if n % 2:
            listed(member)
        TeamMembership.objects.create(team=team, user=member)
        names.append(f"@Lid Nummer{n}")
        add_minutes(team, member, title=f"Verslag {n}", body=" ".join(names) + " @Mik Lid")
    html = client.get(url).content.decode()
    assert html.count('class="mention"') > 20
    assert queries() == few


def test_the_excerpt_is_plain_text_and_short():
    assert mentions.excerpt(render_markdown("**Tom & Jerry** <b>zeggen</b>")) == \
        "Tom & Jerry <b>zeggen</b>"
    long = mentions.excerpt(render_markdown("woord " * 100))
    assert len(long) == mentions.EXCERPT_LENGTH and long.endswith("…")


def test_the_minutes_form_gives_its_date_as_browsers_read_it(client, team, teams_page, people):
    """A date field's value is YYYY-MM-DD in every language (found by the HTML check of
    the form in tests/e2e/test_mentions_journey.py: "15-01-2026" left it empty)."""
    client.force_login(people["member"])
    html = client.get(team_url(teams_page, team, "new_minutes")).content.decode()
    assert re.search(r'<input type="date" name="held_on" value="\d{4}-\d\d-\d\d"', html)
    html = client.get(team_url(teams_page, team, "edit_minutes", pk=team.minutes_entry.pk)) \
        .content.decode()
    assert '<input type="date" name="held_on" value="2026-01-15"' in html
