"""The catalogue's news for a member (catalogue/whats_new.py): projects newly shared in
their topics, only as long as they are listed (catalogue.consent), never their own."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from catalogue import consent
from catalogue.models import CatalogueIndexPage, ConsentRecord
from forum.posting import follow_topic
from tests.whats_new.helpers import fresh, private_to

pytestmark = pytest.mark.django_db


def titles(sections):
    section = sections.get("catalogue")
    return [item.title for item in section.items] if section else []


def test_a_project_shared_in_the_members_topic(news, reader, make_project, make_member):
    project = make_project(make_member(), title="Laptops als dienst", language="en")
    [item] = news(reader)["catalogue"].items
    assert (item.title, item.label, item.why) == ("Laptops als dienst", "Nieuw gedeeld project",
                                                  "In ICT")
    assert item.url == f"/nl/projecten/project/{project.pk}/"
    assert item.language == "en"
    assert news(reader, language="en")["catalogue"].items[0].url == \
        f"/en/projects/project/{project.pk}/"


def test_a_theme_counts_as_the_projects_topic(news, make_member, make_project, topics):
    theme_follower = make_member()
    follow_topic(theme_follower, topics["ambities-en-behoeften"])
    make_project(make_member(), slug="catering", themes=("ambities-en-behoeften",))
    [item] = news(theme_follower)["catalogue"].items
    assert item.why == "In Ambities en behoeften"


def test_unlisted_own_and_other_topics_are_no_news(news, reader, make_project, make_member):
    make_project(make_member(), listed=False, title="Niet gedeeld")
    make_project(reader, title="Mijn eigen project")
    make_project(make_member(), slug="textiel", title="Ander onderwerp")
    assert "catalogue" not in news(reader)


def test_a_withdrawn_consent_ends_the_news_at_once(news, reader, make_project, make_member):
    owner = make_member()
    project = make_project(owner)
    assert titles(news(reader)) == [project.title]
    consent.withdraw(owner, project, consent.LISTING)
    assert "catalogue" not in news(reader)


def test_shared_before_the_window_is_no_news_until_shared_again(news, reader, make_project,
                                                                make_member, start):
    owner = make_member()
    project = make_project(owner)
    ConsentRecord.objects.filter(project=project).update(created_at=start - timedelta(days=2))
    assert "catalogue" not in news(reader)
    consent.withdraw(owner, project, consent.LISTING)
    consent.grant(owner, project, consent.LISTING)
    assert titles(news(reader)) == [project.title]


def test_a_catalogue_closed_to_the_member_brings_no_news(news, reader, make_project,
                                                         make_member):
    make_project(make_member())
    board = Group.objects.create(name="Board")
    private_to(CatalogueIndexPage.objects.get(locale__language_code="nl"), board)
    assert "catalogue" not in news(reader)
    reader.groups.add(board)
    assert len(titles(news(fresh(reader)))) == 1


def test_a_member_without_topics_gets_no_projects(news, make_member, make_project):
    make_project(make_member())
    assert "catalogue" not in news(make_member())
