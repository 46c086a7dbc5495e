"""Asking and answering, with moderation on arrival and the participants' own tools."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from forum import moderation, posting
from forum.models import (
    Answer,
    Follow,
    ModerationAction,
    ModerationMode,
    ModerationRule,
    PostEdit,
    Question,
    Status,
)
from notices.models import Notification
from notices.preferences import set_email

pytestmark = pytest.mark.django_db


def test_a_newcomers_question_waits_for_review_and_only_the_author_sees_it(
    client, make_member, participant, ask, url, moderator_member
):
    question = ask(participant)
    assert question.status == Status.PENDING
    client.force_login(participant)
    html = client.get(url("question", pk=question.pk)).content.decode()
    assert "Wacht op nalezing" in html
    other = make_member()
    client.force_login(other)
    assert client.get(url("question", pk=question.pk)).status_code == 404
    assert question.title not in client.get(url()).content.decode()
    client.force_login(moderator_member)
    assert client.get(url("question", pk=question.pk)).status_code == 200


def test_approval_publishes_and_is_logged(participant, moderator_member, ask):
    question = ask(participant)
    moderation.approve(moderator_member, question)
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED
    entry = ModerationAction.objects.get(question=question)
    assert (entry.kind, entry.moderator) == ("approve", moderator_member)


def test_participants_with_approved_posts_publish_at_once(participant, moderator_member, ask):
    for n in range(2):
        moderation.approve(moderator_member, ask(participant, title=f"Vraag nummer {n} hier?"))
    assert ask(participant, title="Een derde vraag, meteen zichtbaar?").status == Status.PUBLISHED


@pytest.mark.parametrize("mode,expected", [(ModerationMode.EVERY_POST, Status.PENDING),
                                           (ModerationMode.NONE, Status.PUBLISHED)])
def test_moderation_rule_per_topic(participant, ask, topic, mode, expected):
    ModerationRule.objects.create(topic=topic, mode=mode)
    assert ask(participant).status == expected


def test_moderators_posts_are_published_and_labelled_expert(moderator_member, ask, topic):
    ModerationRule.objects.create(topic=topic, mode=ModerationMode.EVERY_POST)
    question = ask(moderator_member)
    reply = posting.answer(moderator_member, question, "Zo doe je dat.", "nl")
    assert question.status == reply.status == Status.PUBLISHED
    assert reply.is_expert


def test_newcomers_are_rate_limited_with_their_text_kept(client, make_member, url, topic):
    newcomer = make_member()
    for n in range(3):
        posting.ask(newcomer, topic, f"Vraag nummer {n} van vandaag?", "Tekst", "nl")
    client.force_login(newcomer)
    response = client.post(url("ask"), {
        "topic": topic.pk, "title": "Mijn vierde vraag van vandaag?",
        "body": "Dit wil ik niet kwijt.", "language": "nl",
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert "op hun eerste dag 3 vragen stellen" in html
    assert "Dit wil ik niet kwijt." in html and "Mijn vierde vraag van vandaag?" in html
    assert Question.objects.filter(author=newcomer).count() == 3


def test_rate_limit_ends_after_the_first_day(make_member, topic):
    member = make_member()
    member.date_joined = timezone.now() - timedelta(days=2)
    member.save()
    for n in range(4):
        posting.ask(member, topic, f"Vraag nummer {n} van vandaag?", "Tekst", "nl")


def test_asking_through_the_form(client, participant, url, topic):
    client.force_login(participant)
    response = client.post(url("ask"), {
        "topic": topic.pk, "title": "Wie heeft ervaring met circulaire bureaus?",
        "body": "Graag *voorbeelden*.", "language": "nl", "anonymous": "on",
    })
    question = Question.objects.get(title__startswith="Wie heeft ervaring")
    assert response["Location"] == url("question", pk=question.pk)
    assert question.body_html == "<p>Graag <em>voorbeelden</em>.</p>"
    assert question.anonymous and question.author == participant
    assert Follow.objects.filter(user=participant, question=question).exists()


def test_form_errors_keep_the_input(client, participant, url):
    client.force_login(participant)
    response = client.post(url("ask"), {"title": "Kort", "body": "Mijn lange uitleg."})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mijn lange uitleg." in html and 'value="Kort"' in html


def test_preview_without_javascript(client, participant, url, topic):
    client.force_login(participant)
    response = client.post(url("ask"), {
        "topic": topic.pk, "title": "Een vraag die ik eerst bekijk?",
        "body": "Dit is **vet** genoeg.", "language": "nl", "preview": "1",
    })
    assert "<strong>vet</strong>" in response.content.decode()
    assert not Question.objects.filter(title="Een vraag die ik eerst bekijk?").exists()


def test_preview_endpoint_sanitises(client, participant, url):
    client.force_login(participant)
    data = client.post(url("preview"), {"body": "<script>alert(1)</script> *hoi*"}).json()
    assert "<script>" not in data["html"] and "<em>hoi</em>" in data["html"]


def test_anonymous_question_hides_the_name_except_for_moderators(
    client, participant, make_member, moderator_member, ask, open_topic, url
):
    question = ask(participant, anonymous=True)
    client.force_login(make_member())
    html = client.get(url("question", pk=question.pk)).content.decode()
    assert participant.full_name not in html and "Een deelnemer" in html
    client.force_login(moderator_member)
    html = client.get(url("question", pk=question.pk)).content.decode()
    assert participant.full_name in html and "anoniem gesteld" in html


def test_accepted_answer_first_then_experts_then_by_date(
    client, participant, make_member, moderator_member, ask, open_topic, url
):
    question = ask(participant)
    first = posting.answer(make_member(), question, "Eerste antwoord.", "nl")
    expert = posting.answer(moderator_member, question, "Antwoord van een expert.", "nl")
    last = posting.answer(make_member(), question, "Laatste antwoord.", "nl")
    posting.accept(participant, last)
    client.force_login(participant)
    html = client.get(url("question", pk=question.pk)).content.decode()
    positions = [html.index(f'id="answer-{a.pk}"') for a in (last, expert, first)]
    assert positions == sorted(positions)
    assert "Expert" in html


def test_only_the_asker_or_a_moderator_accepts(participant, make_member, moderator_member, ask,
                                                open_topic):
    question = ask(participant)
    reply = posting.answer(make_member(), question, "Een antwoord.", "nl")
    with pytest.raises(posting.Refused):
        posting.accept(make_member(), reply)
    posting.accept(moderator_member, reply)
    question.refresh_from_db()
    assert question.accepted_answer == reply


def test_emails_when_answered_and_accepted(participant, make_member, ask, open_topic, sent):
    question = ask(participant)
    helper = make_member(language="en")
    with sent():
        reply = posting.answer(helper, question, "Zo pak je het aan.", "nl")
    assert [m.to for m in mail.outbox] == [[participant.email]]
    assert question.title in mail.outbox[0].subject
    assert f"/nl/forum/question/{question.pk}/" in mail.outbox[0].body
    mail.outbox.clear()
    with sent():
        posting.accept(participant, reply)
    assert [m.to for m in mail.outbox] == [[helper.email]]
    assert "accepted" in mail.outbox[0].subject  # in the helper's language
    assert f"/en/forum/question/{question.pk}/" in mail.outbox[0].body  # their forum


def test_emails_can_be_switched_off(participant, make_member, ask, open_topic, sent):
    set_email(participant, "forum.answered", False)
    question = ask(participant)
    with sent():
        posting.answer(make_member(), question, "Een antwoord.", "nl")
    assert mail.outbox == []
    # Still told on the site.
    told = Notification.objects.get(recipient=participant)
    assert told.kind == "forum.answered" and question.title in told.text
    assert told.url == f"/nl/forum/question/{question.pk}/" and told.email_state == ""


def test_followers_hear_of_new_answers_and_topic_questions(participant, make_member, ask,
                                                           open_topic, sent):
    follower = make_member()
    topic_follower = make_member()
    posting.follow_topic(topic_follower, open_topic)
    with sent():
        question = ask(participant)
    assert [m.to for m in mail.outbox] == [[topic_follower.email]]
    posting.follow_question(follower, question)
    mail.outbox.clear()
    with sent():
        posting.answer(make_member(), question, "Een antwoord.", "nl")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [participant.email, follower.email, topic_follower.email])


def test_authors_edit_for_30_minutes_and_edits_keep_history(participant, moderator_member, ask,
                                                            open_topic):
    question = ask(participant, body="Eerste versie.")
    posting.edit(participant, question, "Tweede versie.", "Hoe schrijf je een beter bestek?")
    question.refresh_from_db()
    assert question.body_html == "<p>Tweede versie.</p>" and question.edited_at
    assert PostEdit.objects.get(question=question).body_markdown == "Eerste versie."
    Question.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - timedelta(minutes=31))
    question.refresh_from_db()
    with pytest.raises(posting.Refused):
        posting.edit(participant, question, "Te laat.")
    posting.edit(moderator_member, question, "Door de moderator.")
    assert ModerationAction.objects.filter(question=question, kind="edit").exists()


def test_three_reports_hide_a_post_until_a_moderator_decides(
    client, participant, make_member, moderator_member, ask, open_topic, url
):
    question = ask(participant)
    reply = posting.answer(participant, question, "Een antwoord.", "nl")
    for _ in range(3):
        posting.flag(make_member(), reply, "spam")
    reply.refresh_from_db()
    question.refresh_from_db()
    assert reply.status == Status.HIDDEN and question.answer_count == 0
    client.force_login(make_member())
    assert f'id="answer-{reply.pk}"' not in client.get(
        url("question", pk=question.pk)).content.decode()
    assert reply in moderation.queue()
    moderation.dismiss_flags(moderator_member, reply)
    reply.refresh_from_db()
    assert reply.status == Status.PUBLISHED and reply.flag_count == 0


def test_reporting_twice_counts_once(participant, make_member, ask, open_topic):
    question = ask(participant)
    reporter = make_member()
    assert posting.flag(reporter, question, "spam")
    assert not posting.flag(reporter, question, "offensive")
    question.refresh_from_db()
    assert question.flag_count == 1


def test_rejection_tells_the_author_and_hides_the_post(
    client, participant, make_member, moderator_member, ask, url, sent
):
    question = ask(participant)
    with sent():
        moderation.reject(moderator_member, question, "Dit hoort in een ander onderwerp.")
    assert mail.outbox[-1].to == [participant.email]
    assert "Dit hoort in een ander onderwerp." in mail.outbox[-1].body
    client.force_login(participant)
    html = client.get(url("question", pk=question.pk)).content.decode()
    assert "Dit hoort in een ander onderwerp." in html
    client.force_login(make_member())
    assert client.get(url("question", pk=question.pk)).status_code == 404


def test_locked_questions_take_no_new_answers(participant, moderator_member, make_member, ask,
                                              open_topic):
    question = ask(participant)
    moderation.set_locked(moderator_member, question, True)
    with pytest.raises(posting.Refused):
        posting.answer(make_member(), question, "Te laat.", "nl")
    assert posting.answer(moderator_member, question, "Nog een woord.", "nl")


def test_pinned_questions_come_first_and_moved_questions_change_topic(
    client, participant, moderator_member, ask, open_topic, url, demo
):
    from topics.models import Topic

    old = ask(participant, title="Een oudere vraag over ICT?")
    ask(participant, title="Een nieuwere vraag over ICT?")
    moderation.set_pinned(moderator_member, old, True)
    client.force_login(participant)
    html = client.get(url()).content.decode()
    assert html.index("Een oudere vraag") < html.index("Een nieuwere vraag")
    catering = Topic.objects.get(locale__language_code="nl", slug="catering")
    moderation.move(moderator_member, old, catering)
    old.refresh_from_db()
    assert old.topic == catering
    assert ModerationAction.objects.filter(question=old, kind="move").exists()


@pytest.mark.parametrize("show,included,excluded", [
    ("unanswered", "Nog niemand antwoordde?", "Met een antwoord al?"),
    ("answered", "Met een antwoord al?", "Nog niemand antwoordde?"),
])
def test_index_filters(client, participant, make_member, ask, open_topic, url, show, included,
                       excluded):
    ask(participant, title="Nog niemand antwoordde?")
    answered = ask(participant, title="Met een antwoord al?")
    posting.answer(make_member(), answered, "Ja.", "nl")
    client.force_login(participant)
    html = client.get(url() + f"?show={show}").content.decode()
    assert included in html and excluded not in html


def test_index_filters_mine_followed_and_language(client, participant, make_member, ask,
                                                   open_topic, url):
    other = make_member()
    mine = ask(participant, title="Mijn eigen vraag hier?")
    theirs = ask(other, title="Their question in English?", language="en")
    client.force_login(participant)
    html = client.get(url() + "?show=mine").content.decode()
    assert mine.title in html and theirs.title not in html
    assert theirs.title not in client.get(url() + "?show=followed").content.decode()
    posting.follow_question(participant, theirs)
    assert theirs.title in client.get(url() + "?show=followed").content.decode()
    english = client.get(url() + "?language=en").content.decode()
    assert theirs.title in english and mine.title not in english


def test_both_language_versions_show_all_posts(client, participant, ask, open_topic,
                                               english_forum):
    question = ask(participant, title="Een Nederlandse vraag voor iedereen?")
    client.force_login(participant)
    html = client.get(english_forum.url).content.decode()
    assert question.title in html
    response = client.get(english_forum.url + f"question/{question.pk}/")
    assert response.status_code == 200 and '<html lang="en">' in response.content.decode()


def test_language_switcher_keeps_the_question(client, participant, ask, open_topic, url,
                                              english_forum):
    question = ask(participant)
    client.force_login(participant)
    html = client.get(url("question", pk=question.pk)).content.decode()
    assert f'href="{english_forum.url}question/{question.pk}/" hreflang="en"' in html


def test_moderators_get_one_email_per_interval(participant, make_member, moderator_member, ask,
                                               sent, settings):
    settings.FORUM_MODERATOR_EMAIL_MINUTES = 30
    with sent():
        ask(participant, title="Een eerste vraag voor de wachtrij?")
    with sent():
        ask(make_member(), title="Een tweede vraag voor de wachtrij?")
    to_moderator = [m for m in mail.outbox if m.to == [moderator_member.email]]
    assert len(to_moderator) == 1
    assert "/forum/moderation/" in to_moderator[0].body


def test_answers_counted_on_approval_only(participant, make_member, moderator_member, ask):
    question = ask(participant)
    moderation.approve(moderator_member, question)
    reply = posting.answer(make_member(), question, "Een antwoord.", "nl")
    question.refresh_from_db()
    assert reply.status == Status.PENDING and question.answer_count == 0
    moderation.approve(moderator_member, reply)
    question.refresh_from_db()
    assert question.answer_count == 1
    assert Answer.objects.get(pk=reply.pk).status == Status.PUBLISHED


def test_the_queue_offers_every_action_on_a_question(client, participant, moderator_member, ask,
                                                     url):
    question = ask(participant)
    client.force_login(moderator_member)
    html = client.get(url("moderation")).content.decode()
    for action in ("approve", "hide", "reject", "lock", "pin", "move"):
        assert f'moderation/question/{question.pk}/{action}/"' in html
    assert f'question/{question.pk}/edit/" data-shortcut="e"' in html

    response = client.post(url("moderation") + f"question/{question.pk}/lock/",
                           {"next": url("moderation")})
    assert response["Location"] == url("moderation")
    question.refresh_from_db()
    assert question.locked
    assert ModerationAction.objects.filter(
        moderator=moderator_member, kind=ModerationAction.Kind.LOCK).exists()


def test_members_outside_a_restricted_forum_get_no_emails_about_it(participant, make_member,
                                                                   ask, open_topic, forum,
                                                                   sent):
    """Emails name questions: none for a member who may no longer enter the forum."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    board = Group.objects.create(name="Board")
    outsider, insider = make_member(), make_member()
    insider.groups.add(board)
    for member in (outsider, insider):
        posting.follow_topic(member, open_topic)
    restriction = PageViewRestriction.objects.create(
        page=forum, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([board])
    with sent():
        ask(participant)
    assert [m.to for m in mail.outbox] == [[insider.email]]


def test_the_author_hears_when_a_moderator_publishes_or_refuses(participant, moderator_member,
                                                               ask, sent):
    question = ask(participant)  # a newcomer's: waits for review
    with sent():
        moderation.approve(moderator_member, question)
    told = Notification.objects.get(recipient=participant)
    assert told.kind == "forum.moderated" and question.title in told.text
    assert [m.to for m in mail.outbox if "gepubliceerd" in m.subject] == [[participant.email]]
    reply = posting.answer(participant, question, "Mijn eigen antwoord.", "nl")
    with sent():
        moderation.reject(moderator_member, reply, "Geen antwoord op de vraag.")
        moderation.approve(moderator_member, reply)  # thought better of it
    assert list(Notification.objects.filter(recipient=participant).order_by("pk")
                .values_list("kind", flat=True)) == ["forum.moderated"] * 3
    # Approving what was already public tells nobody.
    with sent():
        moderation.approve(moderator_member, question)
    assert Notification.objects.filter(recipient=participant).count() == 3
