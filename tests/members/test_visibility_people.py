"""Who sees a person: (consented / not) × (the member, another member, a moderator, a
coordinator, anonymous) × (directory, profile, photo, forum author link, search,
relay form, data export). Every cell is asserted; a leak in any one fails.

The rule (members/consent.py): with consent every member sees the profile;
without it only the member themself does, coordinators and moderators
included. Visitors who are not logged in get the login page everywhere.
"""

import json

import pytest
from django.test import Client

from accounts.roles import COORDINATORS, EDITORS, MODERATORS, PARTICIPANTS
from forum import posting
from forum.models import ForumIndexPage, Status
from members.models import Profile
from tests.members.conftest import image_file, profile_data
from tests.sitesearch.test_visibility import found
from topics.models import Topic

VIEWERS = ["self", "other", "moderator", "coordinator", "anonymous"]

# For each surface: what each viewer gets, with consent and without.
# "shown": the person is there; "hidden": a member gets the page without them;
# "404" / "login": the answer.
EXPECTED = {
    True: {
        "directory": {"self": "shown", "other": "shown", "moderator": "shown",
                      "coordinator": "shown", "anonymous": "login"},
        "profile": {"self": "shown", "other": "shown", "moderator": "shown",
                    "coordinator": "shown", "anonymous": "login"},
        "photo": {"self": "shown", "other": "shown", "moderator": "shown",
                  "coordinator": "shown", "anonymous": "login"},
        "author_link": {"self": "shown", "other": "shown", "moderator": "shown",
                        "coordinator": "shown", "anonymous": "login"},
        "search": {"self": "shown", "other": "shown", "moderator": "shown",
                   "coordinator": "shown", "anonymous": "login"},
        "relay": {"self": "404", "other": "shown", "moderator": "shown",
                  "coordinator": "shown", "anonymous": "login"},
        "export": {"self": "shown", "other": "hidden", "moderator": "hidden",
                   "coordinator": "hidden", "anonymous": "login"},
    },
    False: {
        "directory": {"self": "hidden", "other": "hidden", "moderator": "hidden",
                      "coordinator": "hidden", "anonymous": "login"},
        "profile": {"self": "shown", "other": "404", "moderator": "404",
                    "coordinator": "404", "anonymous": "login"},
        "photo": {"self": "shown", "other": "404", "moderator": "404",
                  "coordinator": "404", "anonymous": "login"},
        "author_link": {"self": "hidden", "other": "hidden", "moderator": "hidden",
                        "coordinator": "hidden", "anonymous": "login"},
        "search": {"self": "hidden", "other": "hidden", "moderator": "hidden",
                   "coordinator": "hidden", "anonymous": "login"},
        "relay": {"self": "404", "other": "404", "moderator": "404",
                  "coordinator": "404", "anonymous": "login"},
        "export": {"self": "shown", "other": "hidden", "moderator": "hidden",
                   "coordinator": "hidden", "anonymous": "login"},
    },
}

BIO = "Ik bouw zonnepanelen-dakenZQX om."  # a word found nowhere else


@pytest.fixture
def person(make_member, directory, settings, tmp_path):
    """A member with a full profile, a photo and a published forum question; and
    the readers."""
    def make(consented):
        member = make_member(first_name="Quirina", last_name="Zonnebloem",
                             organisation="Gemeente Zoersel")
        topic = Topic.objects.get(locale__language_code="nl", slug="ict")
        from members import profiles

        profiles.save(member, profile_data(bio=BIO, photo=profiles.photo_jpeg(image_file()),
                                           expertise=[topic], consent_directory=consented,
                                           consent_email=False))
        question = posting.ask(member, topic, "Wie huurt er al laptops met onderhoud?",
                               "Een vraag over huren.", "nl", False)
        question.status = Status.PUBLISHED
        question.save()
        return member, question
    return make


def _viewer(name, member, make_member):
    if name == "self":
        return member
    if name == "anonymous":
        return None
    roles = {"other": [PARTICIPANTS], "moderator": [PARTICIPANTS, MODERATORS],
             "coordinator": [PARTICIPANTS, EDITORS, COORDINATORS]}[name]
    return make_member(*roles)


def _client(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _answer(response, shown):
    if response.status_code == 302 and "/inloggen/" in response["Location"]:
        return "login"
    if response.status_code == 404:
        return "404"
    assert response.status_code == 200, response.status_code
    return "shown" if shown(response) else "hidden"


def _cell(surface, client, user, member, question, directory):
    profile = Profile.objects.get(user=member)
    forum = ForumIndexPage.objects.get(locale__language_code="nl")
    if surface == "directory":
        card = f'<a href="{directory.url_for("profile", slug=profile.slug)}">Quirina Zonnebloem'
        return _answer(client.get(directory.url), lambda r: card in r.content.decode())
    if surface == "profile":
        return _answer(client.get(directory.url_for("profile", slug=profile.slug)),
                       lambda r: BIO.split()[2] in r.content.decode())
    if surface == "photo":
        return _answer(client.get(directory.url_for("photo", slug=profile.slug)),
                       lambda r: r["Content-Type"] == "image/jpeg")
    if surface == "author_link":
        link = f'href="{directory.url_for("profile", slug=profile.slug)}"'
        return _answer(client.get(forum.url_for("question", pk=question.pk)),
                       lambda r: link in r.content.decode())
    if surface == "search":
        if user is None:
            return _answer(client.get("/nl/zoeken/?q=zonnepanelen-dakenZQX"), None)
        return "shown" if "Quirina Zonnebloem" in found(user, "zonnepanelen-dakenZQX") \
            else "hidden"
    if surface == "relay":
        return _answer(client.get(directory.url_for("contact", slug=profile.slug)),
                       lambda r: 'name="message"' in r.content.decode())
    if surface == "export":
        response = client.get("/nl/account/mijn-gegevens/downloaden/")
        return _answer(response, lambda r: BIO in json.dumps(json.loads(r.content),
                                                             ensure_ascii=False))
    raise AssertionError(surface)


@pytest.mark.parametrize("consented", [True, False], ids=["consented", "not-consented"])
@pytest.mark.parametrize("viewer", VIEWERS)
def test_who_sees_a_person(consented, viewer, person, make_member, directory, search_index):
    member, question = person(consented)
    search_index.run()
    user = _viewer(viewer, member, make_member)
    client = _client(user)
    got = {surface: _cell(surface, client, user, member, question, directory)
           for surface in EXPECTED[consented]}
    expected = {surface: cells[viewer] for surface, cells in EXPECTED[consented].items()}
    assert got == expected


def test_a_withdrawal_applies_at_once_on_every_surface(person, make_member, directory,
                                                       search_index):
    """Seen once (so every shared cache holds the person), then withdrawn: gone at once."""
    from members import consent

    member, question = person(True)
    search_index.run()
    reader = make_member()
    client = _client(reader)
    surfaces = ["directory", "profile", "photo", "author_link", "search", "relay"]
    assert {s: _cell(s, client, reader, member, question, directory) for s in surfaces} == \
        dict.fromkeys(surfaces, "shown")
    consent.choose(member, {consent.DIRECTORY: False})
    assert {s: _cell(s, client, reader, member, question, directory) for s in surfaces} == {
        "directory": "hidden", "profile": "404", "photo": "404", "author_link": "hidden",
        "search": "hidden", "relay": "404"}
