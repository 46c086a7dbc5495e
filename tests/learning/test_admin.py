"""Editors maintain learning packages in the Wagtail admin."""

import pytest
from django.urls import reverse

from learning.models import LessonProgress

pytestmark = pytest.mark.django_db


def test_editor_opens_the_edit_forms(client, editor, make_package, demo):
    package, _, lessons = make_package(lessons=1)
    client.force_login(editor)
    for page in (package, lessons[0], package.get_parent()):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page


def test_package_form_offers_topics_of_its_language_only(client, editor, make_package, demo):
    package, package_en, _ = make_package(lessons=1)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[package.pk])).content.decode()
    assert "Kantoormeubilair" in html and "Office furniture" not in html


def test_preview_does_not_count_as_a_visit(client, editor, make_package):
    _, _, lessons = make_package(lessons=1)
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[lessons[0].pk]))
    assert response.status_code == 200
    assert not LessonProgress.objects.filter(user=editor).exists()


def test_editor_adds_a_lesson_with_a_self_check(client, editor, make_package):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    package, _, _ = make_package(lessons=1)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["learning", "lessonpage", package.pk])
    data = nested_form_data({
        "title": "Nieuwe les", "slug": "nieuwe-les", "summary": "", "duration_minutes": 5,
        "body": streamfield([
            ("text", rich_text("Hallo")),
            ("self_check", {"question": "Klopt dit?", "options": streamfield([
                ("item", {"text": "Ja", "correct": "on", "feedback": ""}),
                ("item", {"text": "Nee", "correct": "", "feedback": ""}),
            ])}),
        ]),
        "action-publish": "1",
    })
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = package.get_children().get(slug="nieuwe-les").specific
    assert lesson.live
    assert [b.block_type for b in lesson.body] == ["text", "self_check"]
