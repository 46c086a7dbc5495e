"""Each member's progress through the learning packages.

Progress is stored per lesson as a ``LessonProgress`` row keyed by the
lesson's and package's wagtail-localize translation keys, so finishing the
Dutch lesson shows it done in English too. A package's progress is derived
from its live lessons and those rows; nothing is stored per package. The
pages (packages, lessons) come from the caller; every function here reads a
bounded number of queries, whatever the number of lessons.
"""

import statistics
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pages.visibility import visible_pages

from .blocks import self_check_questions
from .models.records import LessonProgress, SelfCheckAnswer


@dataclass
class LessonEntry:
    lesson: object
    done: bool
    is_current: bool = False


@dataclass
class PackageProgress:
    package: object
    entries: list = field(default_factory=list)
    next_lesson: object = None
    previous: object = None
    following: object = None
    current_done: bool = False
    last_activity: object = None

    @property
    def total(self):
        return len(self.entries)

    @property
    def completed(self):
        return sum(1 for entry in self.entries if entry.done)

    @property
    def percent(self):
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def started(self):
        return self.last_activity is not None

    @property
    def finished(self):
        return self.total > 0 and self.completed == self.total


@dataclass
class AnswerOutcome:
    answer: object = None
    error: str = ""
    lesson_completed: bool = False


@dataclass
class Answer:
    selected: set
    correct: bool


def _rows(user, package_keys):
    if not user.is_authenticated or not package_keys:
        return []
    return list(
        LessonProgress.objects.filter(user=user, package_key__in=package_keys)
        .only("package_key", "lesson_key", "last_visited_at", "completed_at")
    )


def _resume_at(lessons, completed_keys, last_key):
    """The lesson to continue with: the last one opened if unfinished, else the next unfinished."""
    keys = [lesson.translation_key for lesson in lessons]
    if last_key in keys:
        start = keys.index(last_key)
        if last_key not in completed_keys:
            return lessons[start]
        for lesson in lessons[start + 1:] + lessons[:start]:
            if lesson.translation_key not in completed_keys:
                return lesson
        return None
    return next((lesson for lesson in lessons if lesson.translation_key not in completed_keys),
                None)


def _build(package, lessons, rows, current=None):
    completed = {row.lesson_key for row in rows if row.completed_at}
    last = max(rows, key=lambda row: row.last_visited_at, default=None)
    moments = [row.last_visited_at for row in rows]
    moments += [row.completed_at for row in rows if row.completed_at]
    last_activity = max(moments, default=None)
    result = PackageProgress(
        package=package,
        entries=[
            LessonEntry(lesson, lesson.translation_key in completed,
                        current is not None and lesson.pk == current.pk)
            for lesson in lessons
        ],
        next_lesson=_resume_at(lessons, completed, last.lesson_key if last else None),
        last_activity=last_activity,
    )
    if current is not None:
        index = next((i for i, lesson in enumerate(lessons) if lesson.pk == current.pk), None)
        if index is not None:
            result.previous = lessons[index - 1] if index > 0 else None
            result.following = lessons[index + 1] if index + 1 < len(lessons) else None
        result.current_done = current.translation_key in completed
    return result


def for_package(user, package, lessons, current=None):
    """The member's progress in one package whose live ``lessons`` are given in order."""
    return _build(package, lessons, _rows(user, [package.translation_key]), current)


def with_progress(user, packages, lessons):
    """[(package, PackageProgress)] for a list of packages with their live lessons
    (``lessons``: {package pk: lessons in order}, models/pages.py:
    lessons_by_package), reading the member's progress in one query; only the
    lessons ``user`` may open count (pages/visibility.py)."""
    lessons = {pk: visible_pages(user, found) for pk, found in lessons.items()}
    rows = _rows(user, [package.translation_key for package in packages])
    return [
        (package, _build(package, lessons[package.pk],
                         [row for row in rows if row.package_key == package.translation_key]))
        for package in packages
    ]


def record_visit(user, lesson):
    """Remember that the member opened ``lesson`` now (one UPDATE when known)."""
    now = timezone.now()
    updated = LessonProgress.objects.filter(user=user, lesson_key=lesson.translation_key).update(
        last_visited_at=now
    )
    if not updated:
        _create(user, lesson, last_visited_at=now)


def _create(user, lesson, **values):
    try:
        with transaction.atomic():
            return LessonProgress.objects.create(
                user=user, lesson_key=lesson.translation_key,
                package_key=lesson.package.translation_key, **values,
            )
    except IntegrityError:  # the same member in two tabs at once
        return None


def mark_complete(user, lesson):
    """Mark ``lesson`` done; True when it was not done before."""
    now = timezone.now()
    rows = LessonProgress.objects.filter(user=user, lesson_key=lesson.translation_key)

    def complete():
        return bool(rows.filter(completed_at__isnull=True).update(completed_at=now,
                                                                   last_visited_at=now))

    if complete():
        return True
    if not rows.exists() and _create(user, lesson, last_visited_at=now,
                                     completed_at=now) is not None:
        return True
    # The row appeared since the first UPDATE: made by a visit at the same moment
    # (not done yet, so done now) or by another "complete" (which counted it).
    return complete()


def mark_incomplete(user, lesson):
    LessonProgress.objects.filter(user=user, lesson_key=lesson.translation_key).update(
        completed_at=None
    )


def is_complete(user, lesson):
    return LessonProgress.objects.filter(
        user=user, lesson_key=lesson.translation_key, completed_at__isnull=False
    ).exists()


def _has_questions(lesson):
    return any(item["type"] == "self_check" for item in lesson.body.raw_data)


def answers_for(user, lesson):
    """{question id: Answer} with the member's latest answers in ``lesson``."""
    if not user.is_authenticated or not _has_questions(lesson):
        return {}
    rows = SelfCheckAnswer.objects.filter(user=user, lesson_key=lesson.translation_key)
    return {row.question_id: Answer(set(row.selected), row.correct) for row in rows}


def answer_question(user, lesson, question_id, raw_options):
    """Check and keep an answer; None when the lesson has no such question."""
    questions = self_check_questions(lesson.body)
    question = questions.get(question_id)
    if question is None:
        return None
    options = question["options"]
    selected = set()
    for raw in raw_options:
        try:
            index = int(raw)
        except (TypeError, ValueError):
            continue
        if 0 <= index < len(options):
            selected.add(index)
    if not selected:
        return AnswerOutcome(error=_("Choose an answer first."))
    correct_options = {i for i, option in enumerate(options) if option["correct"]}
    correct = selected == correct_options
    SelfCheckAnswer.objects.update_or_create(
        user=user, lesson_key=lesson.translation_key, question_id=question_id,
        defaults={"selected": sorted(selected), "correct": correct},
    )
    completed = False
    if correct and lesson.complete_on_correct_answers and not is_complete(user, lesson):
        right = SelfCheckAnswer.objects.filter(
            user=user, lesson_key=lesson.translation_key, question_id__in=list(questions),
            correct=True,
        ).count()
        if right == len(questions):
            # Answers sent at once may all get here: the one that completes tells.
            completed = mark_complete(user, lesson)
    return AnswerOutcome(answer=Answer(selected, correct), lesson_completed=completed)


def report(packages, lessons):
    """Per package: lessons, members who started, finished, median progress
    (``lessons`` as for with_progress).

    Counts only: the report never names anyone.
    """
    keys_by_package = {
        package.translation_key: {lesson.translation_key for lesson in lessons[package.pk]}
        for package in packages
    }
    per_member = (
        LessonProgress.objects.filter(package_key__in=list(keys_by_package))
        .values("package_key", "user_id", "lesson_key", "completed_at")
    )
    done = {}
    for row in per_member:
        lesson_keys = keys_by_package[row["package_key"]]
        if row["lesson_key"] not in lesson_keys:
            continue  # a lesson since removed or unpublished
        member = done.setdefault(row["package_key"], {}).setdefault(row["user_id"], 0)
        done[row["package_key"]][row["user_id"]] = member + (1 if row["completed_at"] else 0)
    rows = []
    for package in packages:
        total = len(lessons[package.pk])
        members = done.get(package.translation_key, {})
        percents = [100 * n / total for n in members.values()] if total else []
        rows.append({
            "package": package,
            "lessons": total,
            "started": len(members),
            "completed": sum(1 for n in members.values() if total and n == total),
            "median": round(statistics.median(percents)) if percents else None,
        })
    return rows

