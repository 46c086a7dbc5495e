"""Editors see who registered and export the list as CSV."""

import csv
import io

import pytest
from django.urls import reverse

from webinars import registrations

pytestmark = pytest.mark.django_db


def test_editor_sees_and_exports_registrations(client, editor, make_member, make_webinar):
    webinar, english = make_webinar(capacity=1)
    first = make_member(first_name="Lotte", organisation="=HYPERLINK(\"http://evil\")")
    second = make_member(first_name="Jonas")
    registrations.register(first, webinar)
    registrations.register(second, english)
    client.force_login(editor)
    url = reverse("webinar_registrations", args=[webinar.pk])
    html = client.get(url).content.decode()
    assert "Lotte" in html and "Jonas" in html
    response = client.get(url + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Naam"
    assert len(rows) == 3
    assert rows[1][2].startswith("'=")  # no formula runs in a spreadsheet
    assert {rows[1][4], rows[2][4]} == {"Ingeschreven", "Op de wachtlijst"}


def test_registrations_button_in_the_page_header(client, editor, make_webinar):
    webinar, _ = make_webinar()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[webinar.pk])).content.decode()
    assert reverse("webinar_registrations", args=[webinar.pk]) in html


def test_translators_and_participants_cannot_see_registrations(client, translator, participant,
                                                              make_webinar):
    webinar, _ = make_webinar()
    url = reverse("webinar_registrations", args=[webinar.pk])
    client.force_login(translator)
    assert client.get(url).status_code == 302
    client.force_login(participant)
    assert client.get(url).status_code == 403
