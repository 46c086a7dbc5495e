"""The directory: listed profiles only, search, filters with counts, pages, the empty
state and a constant number of queries; profile pages with what other apps add;
author links that follow consent at once."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.models import OrganisationType
from catalogue import projects
from forum import posting
from forum.models import ForumIndexPage, Status
from members import consent, views
from members.forms import DirectoryFilterForm
from members.models import MemberDirectoryPage, Profile, Team, TeamMembership
from tests.catalogue.conftest import project_data
from topics.models import Topic


def test_only_consenting_members_are_listed(client, participant, make_profile, unlisted, url):
    shown = make_profile(organisation="Stad Zichtbaar")
    hidden = unlisted(organisation="Stad Onzichtbaar")
    client.force_login(participant)
    html = client.get(url()).content.decode()
    assert Profile.objects.get(user=shown).slug in html
    assert Profile.objects.get(user=hidden).slug not in html
    assert "Stad Onzichtbaar" not in html
    # The demo translator (Emma Wilson) never agreed.
    assert "Emma Wilson" not in html


def test_search_by_name_and_organisation(client, participant, make_member, make_profile, url):
    make_profile(make_member(first_name="Griet", last_name="Van Acker",
                             organisation="Stad Brugge"))
    make_profile(make_member(first_name="Hans", last_name="Maes", organisation="OVAM Mechelen"))
    client.force_login(participant)
    by_name = client.get(url() + "?q=griet").content.decode()
    assert "Griet Van Acker" in by_name and "Hans Maes" not in by_name
    by_organisation = client.get(url() + "?q=ovam+mechelen").content.decode()
    assert "Hans Maes" in by_organisation and "Griet Van Acker" not in by_organisation
    nothing = client.get(url() + "?q=zzzonbekend").content.decode()
    assert "Geen leden gevonden." in nothing


def test_filters_and_their_counts(client, participant, make_member, make_profile, url,
                                  directory):
    textile = "textiel"
    a = make_profile(make_member(first_name="Aline", organisation="Stad A",
                                 organisation_type=OrganisationType.FACILITATOR),
                     topics=[textile], languages=["it"])
    make_profile(make_member(first_name="Bert", organisation="Stad B",
                                 organisation_type=OrganisationType.FACILITATOR),
                     topics=[textile], languages=["it", "nl"])
    team = Team.objects.create(name="Textielteam", slug="textielteam", locale=directory.locale)
    TeamMembership.objects.create(team=team, user=a)
    client.force_login(participant)
    html = client.get(url() + "?language=it").content.decode()
    assert "Aline" in html and "Bert" in html and "2 leden" in html
    facets = {key: {e["label"]: e["count"] for e in entries}
              for key, entries in _facets(url, "?language=it").items()}
    assert facets["languages"]["Italiaans"] == 2
    assert facets["topics"]["Textiel"] == 2
    assert facets["teams"] == {"Textielteam": 1}
    assert facets["organisation_types"]["Facilitator"] == 2
    by_team = client.get(url() + "?team=textielteam").content.decode()
    assert "Aline" in by_team and "Bert" not in by_team
    by_topic = client.get(url() + f"?topic={textile}&language=nl").content.decode()
    assert "Bert" in by_topic and "Aline" not in by_topic
    english_topic = Topic.objects.get(locale__language_code="en", translation_key=Topic.objects
                                      .get(locale__language_code="nl", slug=textile)
                                      .translation_key)
    english = client.get(f"/en/members/?topic={english_topic.slug}").content.decode()
    assert "Aline" in english and "Bert" in english
    assert "Geen leden gevonden." in client.get(url() + "?team=bestaat-niet").content.decode()


def _facets(url, query):
    """The counts of the listing, as the view computes them (not the cached HTML)."""
    page = MemberDirectoryPage.objects.get(locale__language_code="nl")
    request = RequestFactory().get(url() + query)
    form = DirectoryFilterForm(request.GET)
    assert form.is_valid()
    return {key: value for key, value in
            views._listing(request, page, form.cleaned_data)["facets"].items()
            if key != "total"}


def test_pages_of_the_directory(client, participant, make_member, make_profile, url):
    for n in range(30):
        make_profile(make_member(first_name=f"Pagina{n:02d}"))
    client.force_login(participant)
    first = client.get(url()).content.decode()
    second = client.get(url() + "?page=2").content.decode()
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert "Pagina00" in first and "Pagina00" not in second


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("query", ["", "?q=tester", "?language=nl", "?topic=ict"])
def test_directory_queries_do_not_grow_with_members(client, participant, make_member,
                                                    make_profile, url, query):
    """Cached or computed afresh (typed words are never kept), 5 or 40 profiles alike."""
    client.force_login(participant)
    for _ in range(5):
        make_profile(make_member(), topics=["ict"])
    few = _queries(client, url() + query)
    for _ in range(35):
        make_profile(make_member(), topics=["ict"], languages=["nl", "en"])
    assert _queries(client, url() + query) == few


def test_a_withdrawal_empties_the_cached_listing_at_once(client, participant, make_profile,
                                                         url):
    member = make_profile(organisation="Stad Terugtrekking")
    client.force_login(participant)
    assert "Stad Terugtrekking" in client.get(url()).content.decode()
    consent.choose(member, {consent.DIRECTORY: False})
    assert "Stad Terugtrekking" not in client.get(url()).content.decode()


def test_the_profile_shows_what_other_apps_add_that_the_reader_may_see(
        client, participant, make_member, make_profile, url):
    member = make_profile()
    topic = Topic.objects.get(locale__language_code="nl", slug="ict")
    shown = posting.ask(member, topic, "Een vraag met naam erbij?", "Tekst.", "nl", False)
    anonymous = posting.ask(member, topic, "Een anonieme vraag hierover?", "Tekst.", "nl", True)
    waiting = posting.ask(member, topic, "Een vraag die nog wacht?", "Tekst.", "nl", False)
    for question in (shown, anonymous):
        question.status = Status.PUBLISHED
        question.save()
    waiting.status = Status.PENDING
    waiting.save()
    projects.save(member, project_data(title="Gedeeld project", consent_listing=True))
    projects.save(member, project_data(title="Verborgen project", consent_listing=False))
    client.force_login(participant)
    html = client.get(url("profile", slug=Profile.objects.get(user=member).slug)) \
        .content.decode()
    assert "Een vraag met naam erbij?" in html and "Gedeeld project" in html
    for hidden in ("Een anonieme vraag hierover?", "Een vraag die nog wacht?",
                   "Verborgen project"):
        assert hidden not in html


def test_forum_author_links_follow_consent_at_once_and_never_for_anonymous_questions(
        client, participant, make_member, make_profile, url, moderator):
    member = make_profile()
    link = f'href="{url("profile", slug=Profile.objects.get(user=member).slug)}"'
    topic = Topic.objects.get(locale__language_code="nl", slug="ict")
    named = posting.ask(member, topic, "Wie deelt een bestek?", "Tekst.", "nl", False)
    hidden = posting.ask(member, topic, "Anoniem: wie deelt een bestek?", "Tekst.", "nl", True)
    for question in (named, hidden):
        question.status = Status.PUBLISHED
        question.save()
    forum = ForumIndexPage.objects.get(locale__language_code="nl")
    client.force_login(participant)
    assert link in client.get(forum.url_for("question", pk=named.pk)).content.decode()
    assert link in client.get(forum.url).content.decode()
    client.force_login(moderator)  # sees the name, never a link
    assert link not in client.get(forum.url_for("question", pk=hidden.pk)).content.decode()
    client.force_login(participant)
    consent.choose(member, {consent.DIRECTORY: False})
    # The thread is in the shared cache; the link is not.
    assert link not in client.get(forum.url_for("question", pk=named.pk)).content.decode()


def test_catalogue_contact_links_to_the_owners_profile(client, participant, make_member,
                                                       make_profile):
    from catalogue.models import CatalogueIndexPage

    owner = make_profile(make_member(email="eigenaar@example.org"))
    project = projects.save(owner, project_data(
        contact_name="Eigenaar Zelf", contact_email="eigenaar@example.org",
        consent_listing=True, consent_contact=True))
    catalogue = CatalogueIndexPage.objects.get(locale__language_code="nl")
    profile_url = f'href="/nl/leden/{Profile.objects.get(user=owner).slug}/"'
    client.force_login(participant)
    page = catalogue.url_for("project", pk=project.pk)
    assert profile_url in client.get(page).content.decode()
    consent.choose(owner, {consent.DIRECTORY: False})
    html = client.get(page).content.decode()
    assert profile_url not in html and "Eigenaar Zelf" in html
