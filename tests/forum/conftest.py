"""Forum fixtures: the demo's forum page and quick ways to post."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import MODERATORS, PARTICIPANTS
from forum import posting
from forum.models import ForumIndexPage, ModerationMode, ModerationRule
from topics.models import Topic


@pytest.fixture
def forum(demo):
    return ForumIndexPage.objects.get(locale__language_code="nl")


@pytest.fixture
def english_forum(demo):
    return ForumIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def topic(demo):
    return Topic.objects.get(locale__language_code="nl", slug="ict")


@pytest.fixture
def open_topic(topic):
    """The ICT topic without moderation: posts appear at once."""
    ModerationRule.objects.update_or_create(topic=topic, defaults={"mode": ModerationMode.NONE})
    return topic


@pytest.fixture
def moderator_member(make_member):
    return make_member(PARTICIPANTS, MODERATORS, first_name="Mo")


@pytest.fixture
def ask(topic):
    def make(user, title="Hoe schrijf je een circulair bestek?", body="Graag **tips**.",
             language="nl", anonymous=False, on=None):
        return posting.ask(user, on or topic, title, body, language, anonymous)
    return make


@pytest.fixture
def url(forum):
    """url(forum_route, **kwargs): a route of the Dutch forum page."""
    def make(name="index", **kwargs):
        return forum.url + forum.reverse_subpage(name, kwargs=kwargs or None)
    return make


def in_group(user, name):
    user.groups.add(Group.objects.get(name=name))
    return user
