"""Privacy is by group, never by a shared password: the admin's privacy forms
for collections and pages offer no password (see settings, "Privacy")."""

import json

import pytest
from wagtail.models import Collection, Page

pytestmark = pytest.mark.django_db


def _privacy_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def test_collection_privacy_offers_groups_but_no_password(client, make_member, demo):
    """A shared password for a collection was refused even when right: not offered."""
    client.force_login(make_member(is_superuser=True))
    collection = Collection.get_first_root_node().add_child(name="Werkgroep")
    html = _privacy_form(client, f"/admin/collections/{collection.pk}/privacy/")
    assert 'value="groups"' in html
    assert 'value="password"' not in html


def test_page_privacy_offers_groups_but_no_password(client, make_member, demo):
    """The same for pages: one way to make something private, by group."""
    client.force_login(make_member(is_superuser=True))
    page = Page.objects.get(url_path__endswith="/circulair-aankopen-de-basis/",
                            locale__language_code="nl")
    html = _privacy_form(client, f"/admin/pages/{page.pk}/privacy/")
    assert 'value="groups"' in html
    assert 'value="password"' not in html
