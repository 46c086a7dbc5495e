"""Small factories for learning packages in both languages."""

import uuid

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from learning.models import LearningIndexPage, LearningPackagePage, LessonPage
from pages.demo import bilingual_page
from pages.models import HomePage


def _question(n):
    options = [{"text": "Goed", "correct": True, "feedback": "Juist."},
               {"text": "Fout", "correct": False, "feedback": "Helaas."}]
    return {"question": f"Vraag {n}?", "options": [
        {"type": "item", "value": option, "id": str(uuid.uuid4())} for option in options]}


def lesson_body(blocks, image=None, document=None):
    """Raw body data: ``blocks`` blocks cycling through every block type."""
    kinds = [
        ("heading", {"text": "Kop", "level": "h2"}),
        ("text", "<p>Tekst met <b>nadruk</b>.</p>"),
        ("callout", {"kind": "tip", "title": "Tip", "text": "<p>Doe het.</p>"}),
        ("video", {"title": "Video", "video_file": None,
                   "external_url": "https://vimeo.com/76979871", "transcript": ""}),
        ("image", {"image": image.pk if image else None, "alt_text": "Een beeld", "caption": ""}),
        ("download", {"document": document.pk if document else None, "title": "",
                      "description": ""}),
    ]
    body = []
    for i in range(blocks):
        kind, value = kinds[i % len(kinds)]
        body.append({"type": kind, "value": value, "id": str(uuid.uuid4())})
    body.append({"type": "self_check", "value": _question(1), "id": str(uuid.uuid4())})
    return body


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    image = get_image_model().objects.create(title="Beeld", file=get_test_image_file())
    Document = get_document_model()
    document = Document(title="Checklist")
    document.file.save("checklist.pdf", ContentFile(b"%PDF-1.4 test document"), save=False)
    document.save()
    return {"image": image, "document": document}


@pytest.fixture
def make_package(db):
    """make_package(lessons=3, blocks=4) -> (Dutch package, English package, Dutch lessons)."""
    counter = iter(range(1, 1000))

    def make(lessons=3, blocks=4, media=None):
        n = next(counter)
        homes = {c: HomePage.objects.get(locale__language_code=c) for c in ("nl", "en")}
        index = dict(zip(("nl", "en"), bilingual_page(homes, LearningIndexPage, {
            "nl": {"title": "Leren", "slug": "leren", "show_in_menus": True},
            "en": {"title": "Learning", "slug": "learning", "show_in_menus": True},
        }), strict=True))
        package_nl, package_en = bilingual_page(index, LearningPackagePage, {
            "nl": {"title": f"Pakket {n}", "slug": f"pakket-{n}", "summary": "Samenvatting"},
            "en": {"title": f"Package {n}", "slug": f"package-{n}", "summary": "Summary"},
        })
        media = media or {}
        dutch_lessons = []
        for i in range(1, lessons + 1):
            body = lesson_body(blocks, media.get("image"), media.get("document"))
            english_body = [dict(block) for block in body]
            lesson_nl, _ = bilingual_page({"nl": package_nl, "en": package_en}, LessonPage, {
                "nl": {"title": f"Les {i}", "slug": f"les-{i}", "body": body},
                "en": {"title": f"Lesson {i}", "slug": f"lesson-{i}", "body": english_body},
            })
            dutch_lessons.append(lesson_nl)
        return package_nl, package_en, dutch_lessons

    return make
