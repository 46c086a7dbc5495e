"""The demo's learning packages: both languages, every block type, some progress."""

import pytest

from learning.blocks import LessonBodyBlock
from learning.models import LearningPackagePage, LessonPage, LessonProgress

pytestmark = pytest.mark.django_db


def test_demo_has_two_packages_in_both_languages(demo):
    for language in ("nl", "en"):
        packages = LearningPackagePage.objects.live().filter(locale__language_code=language)
        assert packages.count() == 2
        assert {p.level for p in packages} == {"introduction", "in_depth"}


def test_each_demo_package_uses_every_block_type(demo):
    every_type = set(LessonBodyBlock().child_blocks)
    for package in LearningPackagePage.objects.filter(locale__language_code="nl"):
        lessons = LessonPage.objects.child_of(package).live()
        assert 3 <= lessons.count() <= 5
        used = {block.block_type for lesson in lessons for block in lesson.body}
        assert used == every_type, package


def test_english_lessons_share_block_ids_with_dutch(demo):
    for lesson in LessonPage.objects.filter(locale__language_code="nl"):
        english = lesson.get_translation(
            LessonPage.objects.filter(locale__language_code="en").first().locale
        )
        assert [b.id for b in lesson.body] == [b.id for b in english.body]
        assert lesson.body.raw_data[0]["value"] != english.body.raw_data[0]["value"]


def test_demo_participant_has_progress_to_resume(client, demo):
    from django.contrib.auth import get_user_model

    participant = get_user_model().objects.get(email="participant@example.org")
    assert LessonProgress.objects.filter(user=participant, completed_at__isnull=False).count() == 2
    client.force_login(participant)
    html = client.get("/nl/").content.decode()
    assert "intern-draagvlak-creeren" in html  # the third lesson: where she left off
