"""Webinars' news for a member (webinars/whats_new.py): announced, or coming within two
weeks, once; never one that ended or that the member may not open."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.whats_new.helpers import fresh, private_to, published_before

pytestmark = pytest.mark.django_db


def titles(sections):
    section = sections.get("webinars")
    return [item.title for item in section.items] if section else []


def test_an_announced_webinar_is_news(news, reader, make_webinar):
    webinar_nl, webinar_en = make_webinar(1, starts_in=timedelta(days=60))
    [item] = news(reader)["webinars"].items
    assert (item.title, item.label, item.why) == ("Webinar 1", "Nieuw webinar", "In ICT")
    assert item.when == webinar_nl.starts_at
    assert item.url == webinar_nl.url
    assert news(reader, language="en")["webinars"].items[0].title == "Webinar 1 EN"


def test_a_webinar_is_news_once_when_it_comes_within_two_weeks(news, reader, make_webinar,
                                                              start):
    webinar_nl, webinar_en = make_webinar(2, starts_in=timedelta(days=10))
    published_before(start, webinar_nl, webinar_en, days=30)
    now = timezone.now()
    # Its start came within two weeks five days ago: news for a visit since then...
    # (the demo's webinars were announced meanwhile too)
    [item] = [item for item in news(reader, since=now - timedelta(days=5))["webinars"].items
              if item.title == "Webinar 2"]
    assert item.label == "Webinar binnenkort"
    # ...but not again for a visit since yesterday, nor before it came that close.
    assert "Webinar 2" not in titles(news(reader, since=now - timedelta(days=1)))
    assert "Webinar 2" not in titles(news(reader, since=now - timedelta(days=9),
                                          until=now - timedelta(days=5)))


def test_an_ended_webinar_is_no_news(news, reader, make_webinar):
    make_webinar(3, starts_in=-timedelta(hours=2), minutes=60)
    assert "webinars" not in news(reader)


def test_a_private_webinar_is_news_only_to_who_may_open_it(news, reader, make_webinar):
    webinar_nl, _ = make_webinar(4)
    board = Group.objects.create(name="Board")
    private_to(webinar_nl, board)
    assert "webinars" not in news(reader)
    reader.groups.add(board)
    assert titles(news(fresh(reader))) == ["Webinar 4"]


def test_in_topics_keeps_only_the_members_topics(news, reader, make_webinar):
    make_webinar(5, slugs=("textiel",))
    make_webinar(6, starts_in=timedelta(days=40))
    assert titles(news(reader)) == ["Webinar 5", "Webinar 6"]  # the soonest first
    assert titles(news(reader, in_topics=True)) == ["Webinar 6"]
