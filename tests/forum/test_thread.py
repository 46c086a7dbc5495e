"""The question page's posts come from one cached thread (forum.thread), shared by
every member: each reader still sees only what the visibility rule allows, and
every change (a post, a name, a deleted account) shows on the next view."""

import re

import pytest

import caching
from accounts.personal_data import delete_account
from forum import moderation, posting, thread
from forum.models import Answer, Question, Status
from forum.visibility import sees_post, visible_answers, visible_questions

pytestmark = pytest.mark.django_db


def _answer(question, author, body, status=Status.PUBLISHED):
    return Answer.objects.create(question=question, author=author, language="nl",
                                 body_markdown=body, body_html=f"<p>{body}</p>", status=status)


def _shown_answers(client, url, question):
    response = client.get(url("question", pk=question.pk))
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r'id="answer-(\d+)"', response.content.decode())}


@pytest.fixture
def thread_with_every_state(participant, make_member, ask, open_topic):
    question = ask(participant, title="Welke labels tellen voor circulair meubilair?")
    writers = {status: make_member(first_name=f"Schrijver-{status}")
               for status in (Status.PUBLISHED, Status.PENDING, Status.REJECTED,
                              Status.HIDDEN)}
    for status, writer in writers.items():
        _answer(question, writer, f"Antwoord dat {status} is", status)
    return question, writers


def test_each_reader_sees_what_the_rule_allows_from_the_shared_thread(
        client, make_member, moderator_member, url, thread_with_every_state):
    question, writers = thread_with_every_state
    readers = [make_member(), writers[Status.PENDING], writers[Status.HIDDEN],
               moderator_member, make_member()]
    for reader in readers:  # the first fills the cache, the others read it
        client.force_login(reader)
        allowed = {answer.pk for answer in visible_answers(reader, question)}
        assert _shown_answers(client, url, question) == allowed
    # The rule differs per reader: the cache does not flatten it.
    client.force_login(writers[Status.PENDING])
    assert len(_shown_answers(client, url, question)) == 2
    client.force_login(moderator_member)
    assert len(_shown_answers(client, url, question)) == 4


def test_sees_post_is_the_rule_of_the_querysets(make_member, moderator_member,
                                                thread_with_every_state):
    question, writers = thread_with_every_state
    pending_question = Question.objects.create(
        author=writers[Status.PENDING], topic=question.topic, title="Nog niet zichtbaar?",
        body_markdown="x", body_html="<p>x</p>", status=Status.PENDING)
    inactive = make_member(is_active=False)
    for reader in [make_member(), *writers.values(), moderator_member, inactive]:
        for post in Question.objects.all():
            assert sees_post(reader, post) == visible_questions(reader).filter(
                pk=post.pk).exists()
        for post in Answer.objects.filter(question=question):
            assert sees_post(reader, post) == visible_answers(reader, question).filter(
                pk=post.pk).exists()
    assert not sees_post(make_member(), pending_question)


def test_a_hidden_question_cached_for_a_moderator_stays_hidden_from_others(
        client, participant, make_member, moderator_member, ask, open_topic, url):
    question = ask(participant, title="Wat kost een circulaire aanbesteding?")
    moderation.hide(moderator_member, question)
    client.force_login(moderator_member)
    assert client.get(url("question", pk=question.pk)).status_code == 200
    client.force_login(make_member())
    assert client.get(url("question", pk=question.pk)).status_code == 404
    client.force_login(participant)  # the author still sees it, marked hidden
    assert client.get(url("question", pk=question.pk)).status_code == 200


def test_an_unknown_question_is_not_kept(client, participant, url, demo):
    from django.core.cache import cache

    client.force_login(participant)
    assert client.get(url("question", pk=987654)).status_code == 404
    key = caching.stored_key(("forum", "topics"), ("forum-thread", 987654))
    assert cache.get(key, "absent") == "absent"


def test_an_edit_and_a_new_answer_show_on_the_next_view(client, participant, make_member,
                                                        ask, open_topic, url):
    question = ask(participant, title="Hoe meet je hergebruik van kantoorinrichting?")
    helper = make_member()
    reply = posting.answer(helper, question, "Tel de stuks en het gewicht.", "nl")
    client.force_login(make_member())
    page = url("question", pk=question.pk)
    assert "Tel de stuks en het gewicht." in client.get(page).content.decode()
    posting.edit(helper, reply, "Tel de stuks, het gewicht en de CO2.")
    posting.answer(make_member(), question, "Vraag de leverancier om een rapport.", "nl")
    html = client.get(page).content.decode()
    assert "Tel de stuks, het gewicht en de CO2." in html
    assert "Vraag de leverancier om een rapport." in html


def test_a_question_locked_after_it_was_cached_refuses_new_answers(
        client, participant, make_member, moderator_member, ask, open_topic, url):
    question = ask(participant, title="Mag een raamcontract circulair zijn?")
    member = make_member()
    client.force_login(member)
    page = url("question", pk=question.pk)
    client.get(page)  # cached while open
    # Locked without a signal, as a concurrent process might have done it just now.
    Question.objects.filter(pk=question.pk).update(locked=True)
    response = client.post(page, {"body": "Ja, met een looptijd van vier jaar.",
                                  "language": "nl"})
    assert response.status_code == 200
    assert not Answer.objects.filter(question=question).exists()
    html = response.content.decode()
    assert "Deze vraag is gesloten voor nieuwe antwoorden." in html
    # Closed while the member was writing: what they typed is still there to copy.
    assert "Je antwoord is niet geplaatst." in html
    assert "Ja, met een looptijd van vier jaar." in html


def test_a_new_name_shows_at_once_and_a_login_keeps_the_thread(
        client, participant, make_member, ask, open_topic, url):
    question = ask(participant, title="Wie heeft ervaring met refurbished telefoons?")
    helper = make_member(first_name="Anneke", last_name="Jansen")
    posting.answer(helper, question, "Wij kochten er tweehonderd.", "nl")
    client.force_login(make_member())
    page = url("question", pk=question.pk)
    assert "Anneke Jansen" in client.get(page).content.decode()

    before = caching.generations("forum")
    helper.save(update_fields=["last_login"])  # what every login does
    assert caching.generations("forum") == before

    helper.last_name = "de Vries"
    helper.save()
    html = client.get(page).content.decode()
    assert "Anneke de Vries" in html
    assert "Anneke Jansen" not in html


def test_a_deleted_account_leaves_a_former_member(client, participant, make_member, ask,
                                                  open_topic, url):
    question = ask(participant, title="Hoe vraag je naar materialenpaspoorten?")
    leaver = make_member(first_name="Vertrekker", last_name="Weg")
    reply = posting.answer(leaver, question, "Neem het op in de eisen.", "nl")
    client.force_login(make_member())
    page = url("question", pk=question.pk)
    assert "Vertrekker Weg" in client.get(page).content.decode()
    delete_account(leaver)
    html = client.get(page).content.decode()
    assert "Vertrekker" not in html
    assert "Een voormalig lid" in html
    assert f'id="answer-{reply.pk}"' in html  # the answer stays, anonymised


def test_the_thread_keeps_the_authors_names_not_their_accounts(participant, ask, open_topic):
    question = ask(participant, title="Wat staat er in de cache?")
    kept = thread.load(question.pk)
    assert "author" not in kept.question._state.fields_cache
    assert kept.names == {participant.pk: participant.full_name}
