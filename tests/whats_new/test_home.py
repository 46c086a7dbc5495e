"""The home page's "New for you" card and its page (whatsnew/views.py): per member,
both languages, a bounded number of queries, and an invitation when there are no
topics yet."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from whatsnew import visits
from whatsnew.models import MemberVisit
from whatsnew.views import HOME_ITEMS

pytestmark = pytest.mark.django_db


def panel(client, path="/nl/"):
    html = client.get(path).content.decode()
    start = html.index('<section class="card new-for-you"')
    return html[start:html.index('<section class="card', start + 1)]  # the next card


def test_the_card_shows_news_in_both_languages(client, reader, ask, make_member):
    question = ask(make_member(), title="Wie koopt refurbished servers?")
    client.force_login(reader)
    dutch = panel(client)
    assert "Nieuw voor jou" in dutch
    assert "Wie koopt refurbished servers?" in dutch
    assert f'href="/nl/forum/question/{question.pk}/"' in dutch
    assert "Nieuwe vraag · In ICT" in dutch
    english = panel(client, "/en/")
    assert "New for you" in english
    assert f'href="/en/forum/question/{question.pk}/" lang="nl"' in english
    assert "New question · In ICT" in english
    assert 'href="/en/new-for-you/"' in english


def test_the_card_is_compact(client, world, reader):
    world(4)
    client.force_login(reader)
    html = panel(client)
    assert html.count("<li>") == HOME_ITEMS
    for heading in ("Forum", "Jouw teams", "Leren", "Webinars", "Projecten"):
        assert f">{heading}</h3>" in html  # every kind of news gets a place
    assert "En nog" in html


def test_news_since_the_last_visit_and_not_before(client, reader, ask, make_member):
    old = ask(make_member(), title="Een vraag van voor het vorige bezoek?")
    now = timezone.now()
    MemberVisit.objects.create(user=reader, last_seen_at=now - timedelta(hours=2),
                               new_since=now - timedelta(days=3))
    type(old).objects.filter(pk=old.pk).update(created_at=now - timedelta(hours=3))
    fresh = ask(make_member(), title="Een vraag van na het vorige bezoek?")
    client.force_login(reader)
    html = panel(client)
    assert fresh.title in html
    assert old.title not in html
    # The rest of this visit the same news, also after more requests.
    client.get("/nl/forum/")
    assert fresh.title in panel(client)


def test_one_members_news_never_reaches_another(client, world, reader, make_member):
    client.force_login(reader)
    assert "Verslag 0" in client.get("/nl/nieuw-voor-jou/").content.decode()
    assert "Jouw teams" in panel(client)
    client.force_login(make_member())
    html = panel(client)
    assert "Jouw teams" not in html and "Verslag" not in html


def test_without_topics_the_card_invites_to_choose_some(client, make_member):
    member = make_member()
    client.force_login(member)
    html = panel(client)
    assert 'href="/nl/forum/"' in html and "Volg onderwerpen in het forum" in html
    assert 'href="/nl/leden/my-profile/"' in html
    assert "Vul je expertise aan op je profiel" in html
    english = panel(client, "/en/")
    assert 'href="/en/members/my-profile/"' in english
    assert "Add your expertise to your profile" in english


def test_with_topics_and_nothing_new_the_card_says_so(client, reader):
    now = timezone.now()
    # In the middle of a visit whose news starts now, after the demo was made.
    MemberVisit.objects.create(user=reader, last_seen_at=now - timedelta(minutes=2),
                               new_since=now)
    client.force_login(reader)
    html = panel(client)
    assert "Niets nieuws in jouw onderwerpen sinds je vorige bezoek." in html
    assert 'href="/nl/nieuw-voor-jou/?period=month"' in html
    assert "Volg onderwerpen" not in html


def _home_queries(client):
    client.get("/nl/")  # what is kept for everyone, once per change of the page tree
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/nl/").status_code == 200
    return len(captured.captured_queries)


def test_home_queries_do_not_grow_with_the_news(client, world, reader):
    client.force_login(reader)
    few = _home_queries(client)
    world(8)
    assert _home_queries(client) == few


def test_the_page_shows_more_and_other_periods(client, world, reader, start):
    world(6)
    client.force_login(reader)
    html = client.get("/nl/nieuw-voor-jou/").content.decode()
    assert html.count("<li>") >= 5 * 8  # every kind, up to 20 each (the menu aside)
    assert 'aria-current="page">Sinds je vorige bezoek' in html
    week = client.get("/nl/nieuw-voor-jou/?period=week").content.decode()
    assert 'aria-current="page">Laatste 7 dagen' in week
    since = (timezone.localtime() - timedelta(days=7)).strftime("%-d")
    assert f"Sinds {since} " in week
    english = client.get("/en/new-for-you/?period=month")
    assert english.status_code == 200
    assert "Last 30 days" in english.content.decode()


@pytest.mark.parametrize("period", ["", "year", "x" * 500, "visit\x00", "%00"])
def test_an_unknown_period_is_the_visit(client, reader, period):
    client.force_login(reader)
    response = client.get("/nl/nieuw-voor-jou/", {"period": period})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert 'aria-current="page">Sinds je vorige bezoek' in response.content.decode()


def test_the_page_asks_for_a_login(client):
    response = client.get("/nl/nieuw-voor-jou/")
    assert response.status_code == 302
    assert "/nl/inloggen/" in response["Location"]


def test_the_visit_is_noted_before_the_card_reads_it(client, reader):
    client.force_login(reader)
    client.get("/nl/")
    assert client.session[visits.SESSION_KEY]["user"] == reader.pk


def test_the_kept_card_shows_what_changed_at_once(client, reader, ask, make_member, topics):
    """The card is kept per member; a new post, a new follow or a new team moves it."""
    from forum.models import Follow

    client.force_login(reader)
    assert "Wie koopt circulaire bureaustoelen?" not in panel(client)  # now kept
    ask(make_member(), title="Wie koopt refurbished switches?")
    assert "Wie koopt refurbished switches?" in panel(client)
    other = next(slug for slug in topics if slug != "ict")
    question = ask(make_member(), other, title="Wie koopt circulaire bureaustoelen?")
    assert question.title not in panel(client)
    Follow.objects.create(user=reader, topic_key=topics[other].translation_key)
    assert question.title in panel(client)


def test_one_members_card_never_reaches_another(client, reader, ask, make_member):
    question = ask(make_member(), title="Alleen voor volgers van ICT?")
    client.force_login(reader)
    assert question.title in panel(client)
    client.force_login(make_member(first_name="Nina", last_name="Niets"))
    assert question.title not in panel(client)  # (the forum card lists it for everyone)
