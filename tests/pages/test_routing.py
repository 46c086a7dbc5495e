"""Pages are found from the routing map each process keeps for one version of
the page tree (pages/routing.py); every change to the tree must show at once."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from accounts.roles import EDITORS, PARTICIPANTS
from learning.models import LessonPage
from pages.models import InformationPage

pytestmark = pytest.mark.django_db

LESSON = "/nl/leren/circulair-aankopen-de-basis/wat-is-circulair-aankopen/"


def _home():
    return Page.objects.get(locale__language_code="nl", depth=2)


def test_a_renamed_page_moves_to_its_new_address(member_client, demo):
    assert member_client.get(LESSON).status_code == 200  # the map is now cached
    lesson = LessonPage.objects.get(url_path__endswith="/wat-is-circulair-aankopen/",
                                    locale__language_code="nl")
    lesson.slug = "circulair-aankopen-wat-is-het"
    lesson.save_revision().publish()
    assert member_client.get(LESSON).status_code == 404
    moved = LESSON.replace("wat-is-circulair-aankopen", "circulair-aankopen-wat-is-het")
    response = member_client.get(moved)
    assert response.status_code == 200
    assert "Wat is circulair aankopen?" in response.content.decode()


def test_unpublished_and_new_pages_follow_the_tree(member_client, demo):
    page = _home().add_child(instance=InformationPage(
        title="Spelregels", slug="spelregels", live=False, body="<p>Regels</p>"))
    assert member_client.get("/nl/spelregels/").status_code == 404  # a draft
    page.save_revision().publish()
    assert member_client.get("/nl/spelregels/").status_code == 200
    page.refresh_from_db()
    page.unpublish()
    assert member_client.get("/nl/spelregels/").status_code == 404


def test_a_draft_section_still_leads_to_its_live_pages(member_client, demo):
    # Wagtail routes through unpublished pages; only the page served must be live.
    section = _home().add_child(instance=InformationPage(
        title="Archief", slug="archief", live=False, body="<p>Oud</p>"))
    child = section.add_child(instance=InformationPage(
        title="Verslag 2024", slug="verslag-2024", body="<p>Verslag</p>"))
    child.save_revision().publish()
    assert member_client.get("/nl/archief/").status_code == 404
    assert member_client.get("/nl/archief/verslag-2024/").status_code == 200
    assert member_client.get("/nl/archief/bestaat-niet/").status_code == 404


def test_routable_pages_still_route_their_own_paths(member_client, demo):
    assert member_client.get("/nl/forum/question/1/").status_code == 200
    assert member_client.get("/en/forum/question/1/").status_code == 200
    assert member_client.get("/nl/forum/ask/").status_code == 200
    assert member_client.get("/nl/forum/question/999999/").status_code == 404
    assert member_client.get("/nl/forum/niets-hier/").status_code == 404


def test_a_privacy_rule_added_later_applies_at_once(client, make_member, demo):
    participant = make_member()
    editor = make_member(PARTICIPANTS, EDITORS)
    client.force_login(participant)
    assert client.get(LESSON).status_code == 200  # route and restrictions cached
    package = Page.objects.get(url_path__endswith="/circulair-aankopen-de-basis/",
                               locale__language_code="nl")
    restriction = PageViewRestriction.objects.create(
        page=package, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=EDITORS)])
    assert client.get(LESSON).status_code == 403  # "no access", in the member's language
    client.force_login(editor)
    assert client.get(LESSON).status_code == 200
    restriction.delete()
    client.force_login(participant)
    assert client.get(LESSON).status_code == 200


def test_a_group_removed_from_a_privacy_rule_closes_the_page(client, make_member, demo):
    editor = make_member(PARTICIPANTS, EDITORS)
    package = Page.objects.get(url_path__endswith="/circulair-aankopen-de-basis/",
                               locale__language_code="nl")
    restriction = PageViewRestriction.objects.create(
        page=package, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=EDITORS)])
    client.force_login(editor)
    assert client.get(LESSON).status_code == 200
    restriction.groups.clear()
    assert client.get(LESSON).status_code == 403  # "no access", in the member's language


def test_routing_costs_no_query_once_the_tree_is_read(member_client, demo):
    # Warm up: the map, the site, the locales and the pages are read once per
    # version of the tree.
    member_client.get("/nl/")
    member_client.get(LESSON)

    def tree_queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert member_client.get(path).status_code == 200
        return [q["sql"] for q in captured.captured_queries
                if 'FROM "wagtailcore_page"' in q["sql"] or "wagtailcore_site" in q["sql"]
                or "wagtailcore_locale" in q["sql"] or "pageviewrestriction" in q["sql"]]

    # Depth 2 (home) and depth 5 (a lesson) alike.
    assert tree_queries("/nl/") == []
    assert tree_queries(LESSON) == []
    # A change to the tree is read again, once.
    Page.objects.get(locale__language_code="nl", slug="webinars").save()
    assert tree_queries(LESSON)
    assert tree_queries(LESSON) == []


def test_a_permission_granted_counts_on_the_next_request(client, make_member, demo):
    participant = make_member()
    client.force_login(participant)
    assert "Manage content" not in client.get("/en/").content.decode()
    participant.groups.add(Group.objects.get(name=EDITORS))
    assert "Manage content" in client.get("/en/").content.decode()
    participant.groups.remove(Group.objects.get(name=EDITORS))
    assert "Manage content" not in client.get("/en/").content.decode()
