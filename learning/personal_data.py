"""Learning's part of a member's data (accounts.personal_data).

Download: lesson progress and self-check answers. Erasure: both go with the
account (their foreign keys cascade): they are about nobody else.
"""

from accounts.personal_data import Section, iso

from .models.records import LessonProgress, SelfCheckAnswer


def collect(user):
    return {"learning": {
        "lessons": [{
            "lesson_key": str(p.lesson_key), "package_key": str(p.package_key),
            "first_visited_at": iso(p.first_visited_at),
            "last_visited_at": iso(p.last_visited_at),
            "completed_at": iso(p.completed_at),
        } for p in LessonProgress.objects.filter(user=user).order_by("pk")],
        "self_checks": [{
            "lesson_key": str(a.lesson_key), "question": a.question_id,
            "selected": a.selected, "correct": a.correct, "at": iso(a.answered_at),
        } for a in SelfCheckAnswer.objects.filter(user=user).order_by("pk")],
    }}


SECTION = Section(order=20, collect=collect,
                  covers=("learning.LessonProgress.user", "learning.SelfCheckAnswer.user"))
