"""Only what every member may see is indexed; results are checked again per reader."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from forum.models import Answer, Question, Status
from library.models import LibraryDocument
from sitesearch.search import search
from tests.sitesearch.conftest import ident
from topics.models import Topic


def found(user, query, **filters):
    return [r.title for r in search(user, query, reader_language="nl", **filters).results]


def make_question(title, status, body="Een vraag.", language="nl"):
    topic = Topic.objects.get(locale__language_code="nl", slug="ict")
    return Question.objects.create(topic=topic, title=title, body_markdown=body,
                                   body_html=f"<p>{body}</p>", language=language, status=status)


def test_a_draft_is_never_indexed(search_index, package, make_lesson, participant):
    draft = make_lesson(package, "Conceptles", "Over kringloopbetonnen.", publish=False)
    search_index.run()
    assert ident(draft) not in search_index.ids()
    assert found(participant, "kringloopbetonnen") == []


def test_unpublishing_and_deleting_remove_a_page(search_index, package, make_lesson,
                                                 participant):
    lesson = make_lesson(package, "Tijdelijke les", "Over kringloopbetonnen.")
    search_index.run()
    assert found(participant, "kringloopbetonnen") == ["Tijdelijke les"]
    lesson.unpublish()
    search_index.run()
    assert ident(lesson) not in search_index.ids()
    lesson.save_revision().publish()
    search_index.run()
    assert found(participant, "kringloopbetonnen") == ["Tijdelijke les"]
    lesson.delete()
    search_index.run()
    assert ident(lesson) not in search_index.ids()


def test_a_private_section_leaves_the_index_with_everything_below(
        search_index, package, make_lesson, participant, editor):
    lesson = make_lesson(package, "Besloten les", "Over kringloopbetonnen.")
    search_index.run()
    restriction = PageViewRestriction.objects.create(
        page=package, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Editors")])
    search_index.run()
    assert ident(lesson) not in search_index.ids()
    assert ident(package) not in search_index.ids()
    assert found(participant, "kringloopbetonnen") == []
    restriction.delete()
    search_index.run()
    assert found(participant, "kringloopbetonnen") == ["Besloten les"]
    PageViewRestriction.objects.create(page=package, password="geheim",
                                       restriction_type=PageViewRestriction.PASSWORD)
    search_index.run()
    assert found(editor, "kringloopbetonnen") == []


def test_a_login_restriction_changes_nothing(search_index, package, make_lesson, participant):
    make_lesson(package, "Gewone les", "Over kringloopbetonnen.")
    PageViewRestriction.objects.create(page=package, restriction_type=PageViewRestriction.LOGIN)
    search_index.run()
    assert found(participant, "kringloopbetonnen") == ["Gewone les"]


def test_forum_questions_appear_when_published_and_leave_when_hidden(
        search_index, participant, moderator):
    question = make_question("Wie leaset kantoorstoelen?", Status.PENDING)
    search_index.run()
    assert ident(question) not in search_index.ids()
    assert found(participant, "kantoorstoelen") == []
    assert found(moderator, "kantoorstoelen") == []  # not even moderators: use the queue
    question.status = Status.PUBLISHED
    question.save()
    search_index.run()
    assert found(participant, "kantoorstoelen") == ["Wie leaset kantoorstoelen?"]
    for status in (Status.HIDDEN, Status.REJECTED):
        question.status = status
        question.save()
        search_index.run()
        assert ident(question) not in search_index.ids()
        assert found(participant, "kantoorstoelen") == []
        question.status = Status.PUBLISHED
        question.save()
        search_index.run()


def test_only_published_answers_add_their_words(search_index, participant):
    question = make_question("Wie leaset kantoorstoelen?", Status.PUBLISHED)
    answer = Answer.objects.create(question=question, body_markdown="Wij via draaistoelpools.",
                                   body_html="<p>Wij via draaistoelpools.</p>",
                                   status=Status.PENDING)
    search_index.run()
    assert found(participant, "draaistoelpools") == []
    answer.status = Status.PUBLISHED
    answer.save()
    search_index.run()
    assert found(participant, "draaistoelpools") == ["Wie leaset kantoorstoelen?"]
    answer.status = Status.HIDDEN
    answer.save()
    search_index.run()
    assert found(participant, "draaistoelpools") == []


def test_results_are_checked_again_before_the_queue_has_run(search_index, participant):
    """Belt and braces: a post hidden a moment ago is not shown, even while still indexed."""
    question = make_question("Wie leaset kantoorstoelen?", Status.PUBLISHED)
    search_index.run()
    Question.objects.filter(pk=question.pk).update(status=Status.HIDDEN)  # no signal, no queue
    assert ident(question) in search_index.ids()
    outcome = search(participant, "kantoorstoelen", reader_language="nl")
    assert outcome.results == [] and outcome.count == 0


def test_documents_of_a_restricted_collection_are_not_indexed(search_index, participant):
    closed = Collection.get_first_root_node().add_child(name="Stuurgroep")
    document = LibraryDocument(title="Notulen stuurgroep", collection=closed,
                               description="Over geheimeaanbestedingen.")
    document.file.save("notulen.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    search_index.run()
    assert found(participant, "geheimeaanbestedingen") == ["Notulen stuurgroep"]
    restriction = CollectionViewRestriction.objects.create(
        collection=closed, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Editors")])
    search_index.run()
    assert ident(document) not in search_index.ids()
    assert found(participant, "geheimeaanbestedingen") == []


def test_anonymous_visitors_are_sent_to_the_login(search_index, client):
    response = client.get(reverse("search"), {"q": "aankoper"})
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_restricting_the_dutch_version_takes_the_english_one_out_of_the_index(
        search_index, package, english_package):
    """A privacy rule closes every language version (pages/visibility.py): both leave."""
    from wagtail.models import Page

    lessons_en = list(english_package.get_children().live())
    search_index.run()
    assert ident(english_package) in search_index.ids()
    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(translation_key=english_package.translation_key,
                              locale__language_code="nl"),
        restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Editors")])
    search_index.run()
    ids = search_index.ids()
    assert ident(english_package) not in ids
    assert not {f"learning.lessonpage.{lesson.pk}" for lesson in lessons_en} & ids
    restriction.delete()
    search_index.run()
    assert ident(english_package) in search_index.ids()


def test_questions_of_a_forum_closed_to_the_member_are_not_found(search_index, participant,
                                                                  editor):
    """A forum restricted to some groups (in either language) keeps its questions,
    titles included, out of the others' results and counts."""
    from wagtail.models import Page

    make_question("Wie leaset kantoorstoelen?", Status.PUBLISHED)
    search_index.run()
    forum = Page.objects.get(url_path__endswith="/forum/", locale__language_code="en")
    restriction = PageViewRestriction.objects.create(
        page=forum, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Editors")])
    outcome = search(participant, "kantoorstoelen", reader_language="nl")
    assert outcome.results == [] and outcome.count == 0
    assert found(editor, "kantoorstoelen") == ["Wie leaset kantoorstoelen?"]
