"""What is kept for every member (caching/) follows every change to its sources,
and what is personal never comes from that cache."""

import re

import pytest
from django.utils import timezone

from forum import moderation, posting
from forum.models import ModerationMode, ModerationRule
from learning import progress
from learning.models import LessonPage
from library.models import Event, EventKind
from topics.models import Topic

pytestmark = pytest.mark.django_db

LESSON = "/nl/leren/circulair-aankopen-de-basis/wat-is-circulair-aankopen/"


def _recent_questions(html):
    start = html.index('id="forum-panel-heading"')
    return html[start: html.index("</section>", start)]


def test_the_home_card_shows_a_question_once_it_is_published(client, make_member, demo):
    asker, reader, moderator = make_member(), make_member(), make_member("Moderators")
    topic = Topic.objects.get(locale__language_code="nl", slug="ict")
    ModerationRule.objects.update_or_create(topic=topic,
                                            defaults={"mode": ModerationMode.EVERY_POST})
    client.force_login(reader)
    assert "Mag een laptop tweedehands?" not in _recent_questions(
        client.get("/nl/").content.decode())  # the card is now cached
    question = posting.ask(asker, topic, "Mag een laptop tweedehands?", "Graag uitleg.", "nl",
                           False)
    assert "Mag een laptop tweedehands?" not in _recent_questions(
        client.get("/nl/").content.decode())  # waiting for review
    moderation.approve(moderator, question)
    assert "Mag een laptop tweedehands?" in _recent_questions(
        client.get("/nl/").content.decode())
    moderation.hide(moderator, question)
    assert "Mag een laptop tweedehands?" not in _recent_questions(
        client.get("/nl/").content.decode())


def test_a_renamed_topic_is_renamed_on_the_home_page(member_client, demo):
    assert "Gerecyclede ICT" not in member_client.get("/nl/").content.decode()
    topic = Topic.objects.get(locale__language_code="nl", slug="ict")
    topic.name = "Gerecyclede ICT"
    topic.save()
    assert "Gerecyclede ICT" in member_client.get("/nl/").content.decode()


def test_a_new_event_appears_among_the_library_filters(member_client, demo):
    assert "Najaarsbijeenkomst 2031" not in member_client.get("/nl/bibliotheek/").content.decode()
    Event.objects.create(name="Najaarsbijeenkomst 2031", date=timezone.now().date(),
                         kind=EventKind.choices[0][0],
                         locale=Topic.objects.get(locale__language_code="nl", slug="ict").locale)
    assert "Najaarsbijeenkomst 2031" in member_client.get("/nl/bibliotheek/").content.decode()


def test_a_published_lesson_edit_shows_at_once(member_client, demo):
    assert member_client.get(LESSON).status_code == 200  # blocks cached
    lesson = LessonPage.objects.get(url_path__endswith="/wat-is-circulair-aankopen/",
                                    locale__language_code="nl")
    body = lesson.body.raw_data
    first_text = next(block for block in body if block["type"] == "text")
    first_text["value"] = "<p>Een herschreven eerste alinea.</p>"
    lesson.body = body
    lesson.save_revision().publish()
    html = member_client.get(LESSON).content.decode()
    assert "Een herschreven eerste alinea." in html
    assert "Elke aankoop is een keuze over grondstoffen." not in html


def test_each_member_sees_their_own_self_check_answers(client, make_member, demo):
    lesson = LessonPage.objects.get(url_path__endswith="/wat-is-circulair-aankopen/",
                                    locale__language_code="nl")
    question_id = next(child.id for child in lesson.body if child.block_type == "self_check")
    first, second = make_member(), make_member()
    progress.answer_question(first, lesson, question_id, ["1"])  # a wrong answer
    client.force_login(first)
    mine = client.get(LESSON).content.decode()
    client.force_login(second)
    theirs = client.get(LESSON).content.decode()
    chosen = f'value="1" id="q-{question_id}-1" checked'
    assert chosen in mine
    assert chosen not in theirs
    assert "self-check--wrong" in mine and "self-check--wrong" not in theirs


def test_a_refused_answer_keeps_what_was_typed(member_client, demo):
    member_client.get("/nl/forum/question/1/")  # the empty answer form is now kept
    response = member_client.post("/nl/forum/question/1/", {"body": "x", "language": "en"})
    html = response.content.decode()
    assert re.search(r">\s*x</textarea>", html)
    assert re.search(r'<option value="en" selected>', html)
    # And the next visitor gets the empty form again, in their language.
    html = member_client.get("/en/forum/question/1/").content.decode()
    assert not re.search(r">\s*x</textarea>", html)
    assert re.search(r'<option value="en" selected>', html)


def test_search_filters_follow_the_choice_the_language_and_the_topics(member_client, demo):
    ict = Topic.objects.get(locale__language_code="nl", slug="ict")
    html = member_client.get("/nl/zoeken/?q=laptop&topic=ict").content.decode()
    assert re.search(r'<option value="ict" selected>', html)
    html = member_client.get("/nl/zoeken/?q=laptop&topic=").content.decode()
    assert not re.search(r'<option value="ict" selected>', html)
    # An unknown value is echoed with an error, never kept for others.
    html = member_client.get("/nl/zoeken/?q=laptop&topic=bestaat-niet").content.decode()
    assert "bestaat-niet" in html or "geen geldige keuze" in html.lower()
    ict.name = "Hardware en ICT"
    ict.save()
    assert "Hardware en ICT" in member_client.get("/nl/zoeken/?q=laptop").content.decode()
    english = member_client.get("/en/search/?q=laptop").content.decode()
    assert "All topics" in english and "Alle onderwerpen" not in english


def test_search_answers_page_privacy_as_the_rule_does(make_member, demo):
    from django.contrib.auth.models import Group
    from wagtail.models import Page, PageViewRestriction

    from pages.visibility import page_pks_visible_to, pages_visible_to

    participant, editor = make_member(), make_member("Participants", "Editors")
    admin = make_member(is_superuser=True)
    package = Page.objects.get(url_path__endswith="/circulair-aankopen-de-basis/",
                               locale__language_code="nl")
    pks = list(Page.objects.values_list("pk", flat=True))

    def agree():
        for user in (participant, editor, admin):
            expected = set(pages_visible_to(user, Page.objects.filter(pk__in=pks))
                           .values_list("pk", flat=True))
            assert page_pks_visible_to(user, [str(pk) for pk in pks]) == {
                str(pk) for pk in expected}
        return expected

    everything = agree()
    restriction = PageViewRestriction.objects.create(
        page=package, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Editors")])
    agree()
    hidden = set(pks) - set(page_pks_visible_to(participant, pks))
    assert package.pk in hidden and len(hidden) > 1  # the package and its lessons
    assert package.pk in page_pks_visible_to(editor, pks)
    package.get_children().first().specific.unpublish()
    agree()
    restriction.delete()
    assert len(agree()) == len(everything) - 1


def test_the_question_page_marks_only_what_this_member_reported(client, make_member, demo):
    from forum import posting
    from forum.models import Question

    question = Question.objects.get(pk=1)
    answer = question.answers.filter(status="published").first()
    reporter, other = make_member(), make_member()
    client.force_login(other)
    assert "Je meldde dit bericht." not in client.get("/nl/forum/question/1/").content.decode()
    posting.flag(reporter, answer, "spam")
    client.force_login(reporter)
    html = client.get("/nl/forum/question/1/").content.decode()
    assert html.count("Je meldde dit bericht.") == 1
    start = html.index(f'id="answer-{answer.pk}"')
    assert "Je meldde dit bericht." in html[start: html.index("</article>", start)]
    client.force_login(other)
    assert "Je meldde dit bericht." not in client.get("/nl/forum/question/1/").content.decode()


def test_a_moved_webinar_shows_its_new_time_at_once(member_client, demo):
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from webinars.models import WebinarPage

    webinar = (WebinarPage.objects.live().filter(locale__language_code="nl",
                                                 ends_at__gte=timezone.now())
               .order_by("starts_at").first())
    brussels = ZoneInfo("Europe/Brussels")

    def shown(moment):
        return f'datetime="{timezone.localtime(moment, brussels).isoformat()}"'

    assert shown(webinar.starts_at) in member_client.get("/nl/").content.decode()  # kept
    moved = (webinar.starts_at + timedelta(days=1, hours=2)).replace(microsecond=0)
    webinar.starts_at, webinar.ends_at = moved, moved + timedelta(hours=1)
    webinar.save_revision().publish()
    for path in ("/nl/", webinar.url):
        html = member_client.get(path).content.decode()
        assert shown(moved) in html
        assert timezone.localtime(moved, brussels).strftime("%H:%M") in html
