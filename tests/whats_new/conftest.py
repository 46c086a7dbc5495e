"""Fixtures for "new for you": a reader with a topic, a window that starts with the
test, and quick ways to make news in each app."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import MODERATORS, PARTICIPANTS
from catalogue import projects
from forum import posting
from forum.models import Follow, ModerationMode, ModerationRule, Question
from learning.models import LearningIndexPage, LearningPackagePage, LessonPage
from members.models import Minutes, TeamMeeting, TeamMembership
from pages.demo import bilingual_page
from tests.members.team_fixtures import make_team
from tests.whats_new.helpers import text_body
from topics.models import Topic
from webinars.models import WebinarIndexPage, WebinarPage
from whatsnew.news import whats_new


@pytest.fixture
def topics(demo):
    """{slug: Dutch topic} of the demo."""
    return {topic.slug: topic for topic in Topic.objects.filter(locale__language_code="nl")}


@pytest.fixture
def start(db):
    """A moment after the demo was made and before anything the test makes."""
    return timezone.now()


@pytest.fixture
def reader(make_member, topics):
    """A participant who follows the ICT topic in the forum."""
    user = make_member(first_name="Rita", last_name="Reader")
    Follow.objects.create(user=user, topic_key=topics["ict"].translation_key)
    return user


@pytest.fixture
def moderator(make_member):
    return make_member(PARTICIPANTS, MODERATORS, first_name="Mo")


@pytest.fixture
def news(start):
    """news(user, since=start, until=now, **options) -> {section key: Section}."""
    def read(user, since=None, until=None, **options):
        until = until or timezone.now() + timedelta(seconds=1)
        return {section.key: section
                for section in whats_new(user, since or start, until, **options)}
    return read


@pytest.fixture
def moderation(topics):
    """moderation(slug, mode): set a topic's moderation rule."""
    def set_rule(slug, mode=ModerationMode.NONE):
        ModerationRule.objects.update_or_create(topic=topics[slug], defaults={"mode": mode})
        return topics[slug]
    return set_rule


@pytest.fixture
def ask(topics, moderation):
    """ask(user, slug="ict", title=..., team=None): a question, published at once
    unless the topic's rule was set otherwise first."""
    def make(user, slug="ict", title="Hoe koop je circulaire laptops?", team=None, **options):
        if not ModerationRule.objects.filter(topic=topics[slug]).exists():
            moderation(slug)
        return posting.ask(user, topics[slug], title, "Graag tips.", options.pop("language", "nl"),
                           team=team, **options)
    return make


@pytest.fixture
def answer():
    def make(user, question, body="Zo doe je dat."):
        return posting.answer(user, question, body, "nl")
    return make


@pytest.fixture
def make_package(topics):
    """make_package(n, slugs=("ict",), lessons=0) -> (Dutch package, English package,
    [Dutch lessons]), published now in both languages under the demo's learning pages."""
    def make(n, slugs=("ict",), lessons=0):
        index = {code: LearningIndexPage.objects.get(locale__language_code=code)
                 for code in ("nl", "en")}
        package_nl, package_en = bilingual_page(index, LearningPackagePage, {
            "nl": {"title": f"Pakket {n}", "slug": f"pakket-{n}", "summary": "Samenvatting"},
            "en": {"title": f"Package {n}", "slug": f"package-{n}", "summary": "Summary"},
        }, relations={"topics": [topics[slug] for slug in slugs]})
        made = []
        for i in range(1, lessons + 1):
            body = text_body()  # the same blocks (ids) in both languages
            made.append(bilingual_page({"nl": package_nl, "en": package_en}, LessonPage, {
                "nl": {"title": f"Les {n}.{i}", "slug": f"les-{i}", "body": body},
                "en": {"title": f"Lesson {n}.{i}", "slug": f"lesson-{i}",
                       "body": [dict(block) for block in body]},
            })[0])
        return package_nl, package_en, made
    return make


@pytest.fixture
def make_webinar(topics):
    """make_webinar(n, starts_in, slugs=("ict",)) -> (Dutch, English) webinar."""
    def make(n, starts_in=timedelta(days=30), slugs=("ict",), minutes=60):
        index = {code: WebinarIndexPage.objects.get(locale__language_code=code)
                 for code in ("nl", "en")}
        starts_at = timezone.now() + starts_in
        return bilingual_page(index, WebinarPage, {
            "nl": {"title": f"Webinar {n}", "slug": f"webinar-{n}", "summary": "Over ICT"},
            "en": {"title": f"Webinar {n} EN", "slug": f"webinar-{n}-en", "summary": "On ICT"},
        }, relations={"topics": [topics[slug] for slug in slugs]}, starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes))
    return make


@pytest.fixture
def make_project(topics):
    """make_project(owner, slug="ict", listed=True, themes=(), **fields): a saved project."""
    def make(owner, slug="ict", listed=True, themes=(), **changes):
        data = {
            "title": "Circulaire laptops", "language": "nl", "organisation": "Stad Leuven",
            "organisation_type": "public_buyer", "product_group": topics[slug] if slug else None,
            "themes": [topics[theme] for theme in themes], "strategies": ["A3"],
            "phase": "ambition", "year": 2025, "baseline_text": "", "ambition_text": "",
            "contract_text": "", "impact_text": "", "description": "Refurbished laptops.",
            "lessons": "", "contact_name": "Karel", "contact_email": "karel@leuven.example",
            "contact_phone": "", "co_owners": [], "document": None, "document_title": "",
            "consent_listing": listed, "consent_contact": False,
        }
        data.update(changes)
        return projects.save(owner, data)
    return make


@pytest.fixture
def world(start, reader, make_member, make_package, make_webinar, make_project, topics):
    """News in every section for ``reader`` (two of each kind, a team question among
    them); ``world(n)`` adds n more of each kind."""
    team = make_team()
    lea = make_member()
    for person in (lea, reader):
        TeamMembership.objects.create(team=team, user=person)
    authors = [make_member() for _ in range(3)]
    counter = iter(range(100, 10_000))

    def more(count):
        Question.objects.bulk_create([
            Question(author=authors[n % 3], topic=topics["ict"], title=f"Vraag {n}?",
                     body_markdown="x", body_html="x", language="nl", status="published",
                     team=team if n % 2 else None)
            for n in (next(counter) for _ in range(count))])
        for _ in range(count):
            n = next(counter)
            make_package(n, lessons=1)
            make_webinar(n)
            make_project(authors[n % 3], title=f"Project {n}")
        Minutes.objects.bulk_create([
            Minutes(team=team, author=lea, held_on="2026-01-15", title=f"Verslag {n}",
                    body_markdown="x", body_html="x") for n in range(count)])
        TeamMeeting.objects.bulk_create([
            TeamMeeting(team=team, created_by=lea, title=f"Overleg {n}",
                        starts_at=timezone.now() + timedelta(days=2),
                        ends_at=timezone.now() + timedelta(days=2, hours=1))
            for n in range(count)])

    more(2)
    return more
