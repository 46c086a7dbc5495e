"""Run by test_concurrency.py in separate processes: create, edit and delete content.

``python tests/sitesearch/churn.py setup`` prepares sections and a topic;
``python tests/sitesearch/churn.py churn SEED OPERATIONS`` makes random changes
(pages published, edited, unpublished, made private, deleted; forum questions
and answers posted, moderated, edited, deleted; topics added, renamed and
deleted) and prints how many of each it made, as JSON.
"""

import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.db import transaction  # noqa: E402
from wagtail.models import Locale, PageViewRestriction  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402

from forum.models import Answer, Question, Status  # noqa: E402
from learning.models import LearningIndexPage, LearningPackagePage, LessonPage  # noqa: E402
from pages.models import HomePage  # noqa: E402
from topics.models import Topic  # noqa: E402

WORDS = ["kringloop", "aankopers", "meubels", "terugname", "leasing", "laptops", "bestek",
         "contracts", "buyers", "furniture", "repair", "upcycling", "beton", "textiel"]


def setup():
    for code in ("nl", "en"):
        locale = Locale.objects.get(language_code=code)
        home = HomePage.objects.get(locale=locale)
        section = LearningIndexPage(title=f"Leren {code}", slug=f"leren-{code}")
        home.add_child(instance=section)
        section.save_revision().publish()
        for n in range(4):
            package = LearningPackagePage(title=f"Pakket {code} {n}", slug=f"pakket-{n}",
                                          summary="Een pakket.")
            section.add_child(instance=package)
            package.save_revision().publish()
    Topic.objects.create(name="Churn", slug="churn", kind="theme",
                         locale=Locale.objects.get(language_code="nl"))


def text(rng):
    return " ".join(rng.choice(WORDS) for _ in range(6))


def churn(seed, operations):
    rng = random.Random(seed)
    done = Counter()
    topic = Topic.objects.get(slug="churn")
    editors = Group.objects.get(name="Editors")
    packages = list(LearningPackagePage.objects.all())
    for n in range(operations):
        action = rng.choice(["lesson", "lesson", "page", "page", "question", "question",
                             "moderate", "answer", "topic"])
        with transaction.atomic():
            if action == "lesson":
                lesson = LessonPage(title=f"Les {seed}-{n} {rng.choice(WORDS)}",
                                    slug=f"les-{seed}-{n}",
                                    body=[("text", RichText(f"<p>{text(rng)}</p>"))])
                rng.choice(packages).add_child(instance=lesson)
                if rng.random() < 0.7:
                    lesson.save_revision().publish()
                    done["lesson published"] += 1
                else:
                    done["lesson draft"] += 1
            elif action == "page":
                lessons = list(LessonPage.objects.filter(slug__startswith=f"les-{seed}-"))
                if not lessons:
                    continue
                lesson = rng.choice(lessons)
                change = rng.choice(["edit", "unpublish", "private", "public", "delete"])
                if change == "edit":
                    lesson.title = f"Les {seed}-{n} bewerkt {rng.choice(WORDS)}"
                    lesson.save_revision().publish()
                elif change == "unpublish" and lesson.live:
                    lesson.unpublish()
                elif change == "private":
                    restriction = PageViewRestriction.objects.create(
                        page=lesson, restriction_type=PageViewRestriction.GROUPS)
                    restriction.groups.set([editors])
                elif change == "public":
                    for restriction in PageViewRestriction.objects.filter(page=lesson):
                        restriction.delete()
                elif change == "delete":
                    lesson.delete()
                done[f"lesson {change}"] += 1
            elif action == "question":
                Question.objects.create(
                    topic=topic, title=f"Vraag {seed}-{n} {rng.choice(WORDS)}",
                    body_markdown=text(rng), body_html="<p></p>",
                    language=rng.choice(["nl", "en"]),
                    status=rng.choice([Status.PUBLISHED, Status.PENDING]))
                done["question posted"] += 1
            elif action == "moderate":
                questions = list(Question.objects.filter(title__startswith=f"Vraag {seed}-"))
                if not questions:
                    continue
                question = rng.choice(questions)
                change = rng.choice(["publish", "hide", "reject", "edit", "language", "delete"])
                if change == "delete":
                    question.delete()
                elif change == "edit":
                    question.title = f"Vraag {seed}-{n} bewerkt {rng.choice(WORDS)}"
                    question.save()
                elif change == "language":
                    question.language = "en" if question.language == "nl" else "nl"
                    question.save()
                else:
                    question.status = {"publish": Status.PUBLISHED, "hide": Status.HIDDEN,
                                       "reject": Status.REJECTED}[change]
                    question.save()
                done[f"question {change}"] += 1
            elif action == "answer":
                questions = list(Question.objects.filter(title__startswith=f"Vraag {seed}-"))
                if not questions:
                    continue
                Answer.objects.create(question=rng.choice(questions), body_markdown=text(rng),
                                      body_html="<p></p>",
                                      status=rng.choice([Status.PUBLISHED, Status.PENDING]))
                done["answer"] += 1
            elif action == "topic":
                mine = list(Topic.objects.filter(slug__startswith=f"t{seed}-"))
                if mine and rng.random() < 0.5:
                    chosen = rng.choice(mine)
                    if rng.random() < 0.5:
                        chosen.delete()
                        done["topic delete"] += 1
                    else:
                        chosen.name = f"Onderwerp {seed}-{n} hernoemd"
                        chosen.save()
                        done["topic rename"] += 1
                else:
                    Topic.objects.create(name=f"Onderwerp {seed}-{n}", slug=f"t{seed}-{n}",
                                         kind="theme",
                                         locale=Locale.objects.get(
                                             language_code=rng.choice(["nl", "en"])))
                    done["topic create"] += 1
    print(json.dumps(done))


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup()
    else:
        churn(int(sys.argv[2]), int(sys.argv[3]))
