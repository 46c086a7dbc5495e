"""The forum's news for a member (forum/whats_new.py): what they follow, their topics
and teams; only what they may see, published, and never their own."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from forum import moderation as moderating
from forum import posting
from forum.models import Answer, ForumIndexPage, ModerationMode, Question
from members.models import Profile, TeamMembership
from tests.members.team_fixtures import make_team

pytestmark = pytest.mark.django_db


def titles(sections, key="forum"):
    section = sections.get(key)
    return [item.title for item in section.items] if section else []


def test_a_new_question_in_a_followed_topic_is_news(news, reader, ask, make_member):
    question = ask(make_member(), title="Wie heeft ervaring met refurbished servers?")
    section = news(reader)["forum"]
    [item] = section.items
    assert item.title == question.title
    assert item.label == "Nieuwe vraag"
    assert item.why == "In ICT"
    assert item.url == f"/nl/forum/question/{question.pk}/"
    assert item.language == "nl"
    assert section.url == "/nl/forum/"


def test_a_question_in_a_topic_the_member_does_not_follow_is_not(news, reader, ask,
                                                                  make_member):
    ask(make_member(), slug="textiel", title="Wie huurt werkkledij?")
    assert "forum" not in news(reader)


def test_the_members_expertise_counts_as_their_topics(news, make_member, ask, topics):
    expert = make_member()
    Profile.objects.of(expert).expertise.add(topics["catering"])
    ask(make_member(), slug="catering", title="Koffie als dienst?")
    assert titles(news(expert)) == ["Koffie als dienst?"]
    assert news(expert)["forum"].items[0].why == "In Catering"


def test_the_members_own_posts_are_no_news_to_them(news, reader, ask, answer, make_member):
    own = ask(reader, title="Mijn eigen vraag over ICT?")
    assert "forum" not in news(reader)
    other = ask(make_member(), title="Een vraag van iemand anders?")
    answer(reader, other)
    [item] = news(reader)["forum"].items
    assert item.title == other.title and item.label == "Nieuwe vraag"  # not "1 nieuw antwoord"
    reply = answer(make_member(), own)
    [mine, _] = news(reader)["forum"].items  # the newest activity first
    assert mine.title == own.title
    assert mine.label == "1 nieuw antwoord"
    assert mine.why == "Jouw vraag"
    assert mine.url.endswith(f"#answer-{reply.pk}")


def test_answers_in_a_followed_question_outside_the_topics(news, reader, ask, answer,
                                                          make_member):
    question = ask(make_member(), slug="textiel", title="Hoe lang gaat werkkledij mee?")
    posting.follow_question(reader, question)
    assert "forum" not in news(reader)  # a new question, but not in their topics
    first = answer(make_member(), question)
    answer(make_member(), question)
    [item] = news(reader)["forum"].items
    assert item.label == "2 nieuwe antwoorden"
    assert item.why == "Een vraag die je volgt"
    assert item.url.endswith(f"#answer-{first.pk}")  # where the news starts


def test_a_post_waiting_for_review_is_no_news_until_approved(news, reader, ask, answer,
                                                             make_member, moderation,
                                                             moderator, start, topics):
    posting.follow_topic(moderator, topics["ict"])
    question = ask(make_member(), title="Een vraag van eerder?")
    Question.objects.filter(pk=question.pk).update(created_at=start - timedelta(days=1))
    moderation("ict", ModerationMode.EVERY_POST)
    waiting = answer(make_member(), question)
    assert waiting.status == "pending"
    Answer.objects.filter(pk=waiting.pk).update(created_at=start - timedelta(hours=1))
    assert "forum" not in news(reader)
    assert "forum" not in news(moderator)  # moderators see it in their queue, not as news
    # Written before the window, approved in it: news from the approval on.
    moderating.approve(moderator, Answer.objects.get(pk=waiting.pk))
    assert news(reader)["forum"].items[0].label == "1 nieuw antwoord"
    assert "forum" not in news(reader, since=timezone.now())


def test_rejected_and_hidden_posts_are_no_news(news, reader, ask, make_member, moderator):
    rejected = ask(make_member(), title="Een afgewezen vraag?")
    hidden = ask(make_member(), title="Een verborgen vraag?")
    moderating.reject(moderator, rejected, "Dubbel")
    moderating.hide(moderator, hidden)
    assert "forum" not in news(reader)


def test_a_teams_question_is_news_for_its_members_only(news, reader, ask, make_member,
                                                      moderator, topics):
    team = make_team()
    insider, outsider = make_member(), reader  # the outsider follows ICT too
    TeamMembership.objects.create(team=team, user=insider)
    asker = make_member()
    TeamMembership.objects.create(team=team, user=asker)
    ask(asker, title="Een vraag binnen het team?", team=team)
    [item] = news(insider)["forum"].items
    assert item.why == "Jouw team Textielteam"
    assert news(insider, language="en")["forum"].items[0].why == "Your team Textile team"
    assert "forum" not in news(outsider)
    # A moderator following the topic sees team questions, as the forum's rule says;
    # but never as one of "their teams".
    posting.follow_topic(moderator, topics["ict"])
    assert news(moderator)["forum"].items[0].why == "In ICT"
    # A member who leaves loses the news at once.
    TeamMembership.objects.filter(user=insider).delete()
    insider = type(insider).objects.get(pk=insider.pk)
    assert "forum" not in news(insider)


def test_the_window_is_since_included_until_excluded(news, reader, ask, make_member):
    question = ask(make_member(), title="Precies op tijd?")
    moment = Question.objects.get(pk=question.pk).created_at
    assert titles(news(reader, since=moment, until=moment + timedelta(seconds=1))) == \
        [question.title]
    assert "forum" not in news(reader, since=moment - timedelta(hours=1), until=moment)
    assert "forum" not in news(reader, since=moment + timedelta(microseconds=1))


def test_a_forum_closed_to_the_member_brings_no_news(news, reader, ask, make_member):
    ask(make_member(), title="Een vraag in een besloten forum?")
    board = Group.objects.create(name="Board")
    forum = ForumIndexPage.objects.get(locale__language_code="nl")
    restriction = PageViewRestriction.objects.create(
        page=forum, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(board)
    assert "forum" not in news(reader)
    reader.groups.add(board)
    reader = type(reader).objects.get(pk=reader.pk)
    assert titles(news(reader)) == ["Een vraag in een besloten forum?"]


def test_english_readers_get_english_labels_and_links(news, reader, ask, make_member):
    question = ask(make_member(), title="Who leases laptops?", language="en")
    [item] = news(reader, language="en")["forum"].items
    assert item.label == "New question"
    assert item.why == "In ICT"
    assert item.url == f"/en/forum/question/{question.pk}/"
    assert item.language == "en"
    assert news(reader, language="en")["forum"].title == "Forum"


def test_at_most_limit_items_and_the_rest_counted(news, reader, topics, make_member):
    authors = [make_member() for _ in range(3)]
    Question.objects.bulk_create([
        Question(author=authors[n % 3], topic=topics["ict"], title=f"Vraag nummer {n}?",
                 body_markdown="Tekst", body_html="<p>Tekst</p>", language="nl",
                 status="published")
        for n in range(12)])
    section = news(reader, limit=4)["forum"]
    assert len(section.items) == 4
    assert section.more == 8
    assert section.total == 12
