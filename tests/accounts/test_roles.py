"""What each role may and may not do."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from accounts.roles import ROLE_GROUPS
from pages.models import HomePage, InformationPage

pytestmark = pytest.mark.django_db


def _home(language):
    return HomePage.objects.get(locale__language_code=language)


def _add_information_page(client, parent, action=None, slug="huisregels"):
    url = reverse("wagtailadmin_pages:add", args=["pages", "informationpage", parent.pk])
    data = nested_form_data({"title": "Huisregels", "slug": slug, "body": rich_text("Wees lief.")})
    if action:
        data[action] = "1"
    return client.post(url, data)


def test_the_five_role_groups_exist(db):
    assert set(ROLE_GROUPS) <= set(Group.objects.values_list("name", flat=True))


def test_participant_cannot_reach_the_admin(client, participant):
    client.force_login(participant)
    for path in ["/admin/", "/admin/pages/", "/admin/snippets/", "/admin/members/"]:
        assert client.get(path).status_code == 403, path


def test_participant_sees_no_admin_link(client, participant):
    client.force_login(participant)
    assert "/admin/" not in client.get("/nl/").content.decode()


def test_editor_can_create_and_publish_a_page(client, editor):
    client.force_login(editor)
    response = _add_information_page(client, _home("nl"), action="action-publish")
    assert response.status_code == 302
    page = InformationPage.objects.get(slug="huisregels", locale__language_code="nl")
    assert page.live


def test_editor_sees_the_admin_link(client, editor):
    client.force_login(editor)
    assert reverse("wagtailadmin_home") in client.get("/nl/").content.decode()


def test_translator_cannot_change_or_publish_dutch_originals(client, translator):
    client.force_login(translator)
    home_nl = _home("nl")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home_nl.pk])).status_code == 302
    response = _add_information_page(client, home_nl, action="action-publish")
    assert response.status_code in (302, 403)
    assert not InformationPage.objects.filter(slug="huisregels").exists()
    perms = home_nl.permissions_for_user(translator)
    assert not perms.can_edit() and not perms.can_publish()


def test_translator_can_edit_but_not_publish_english_pages(client, translator):
    client.force_login(translator)
    home_en = _home("en")
    perms = home_en.permissions_for_user(translator)
    assert perms.can_edit()
    assert not perms.can_publish()
    response = _add_information_page(client, home_en, action="action-publish", slug="house-rules")
    page = InformationPage.objects.get(slug="house-rules")
    assert response.status_code == 302
    assert not page.live


def test_translator_may_submit_translations(translator):
    assert translator.has_perm("wagtail_localize.submit_translation")


def test_moderator_has_no_page_rights(moderator):
    root = Page.objects.get(depth=1)
    assert not root.permissions_for_user(moderator).can_add_subpage()
    assert not _home("nl").permissions_for_user(moderator).can_edit()


def test_only_coordinators_may_invite(client, coordinator, editor):
    client.force_login(editor)
    refused = client.get(reverse("accounts_admin:invite"))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    client.force_login(coordinator)
    assert client.get(reverse("accounts_admin:invite")).status_code == 200
    assert client.get(reverse("accounts_admin:members")).status_code == 200


def test_members_menu_only_for_coordinators(client, coordinator, editor):
    client.force_login(editor)
    assert reverse("accounts_admin:members") not in client.get("/admin/").content.decode()
    client.force_login(coordinator)
    assert reverse("accounts_admin:members") in client.get("/admin/").content.decode()
