"""Analytics benchmark: what counting costs a request, and how fast the report is.

    .venv/bin/python benchmarks/analytics.py            # about two minutes
    .venv/bin/python benchmarks/analytics.py --calls 5000 --views 2000000

In a throwaway data folder (a fresh SQLite database, removed afterwards):
migrates and loads the demo, then

1. calls ``analytics.record_view`` for the demo participant on a lesson, a
   package, a webinar, a forum question and a slide document, as the views
   do after rendering, and prints the median and p95 per call;
2. serves a lesson page through Django's test client with and without
   recording (interleaved) and prints the difference of the medians: the
   cost per request as the member sees it;
3. fills a year of daily counts per topic, item, kind and language with at
   least ``--views`` counted views (bulk inserts), and times the report
   (a year, 90 and 30 days), its CSV export and a topic's drill-down.

Nothing here asserts timings: the figures go in the README by hand.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def setup_django(data_dir):
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "leerkring.settings.test"
    sys.path[:0] = [str(REPO), str(REPO / "site")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    call_command("catalogs", "compile", stdout=StringIO())


def ms(seconds):
    return f"{seconds * 1000:.3f}"


def summary(samples):
    samples = sorted(samples)
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def bench_record(calls):
    from django.test import RequestFactory
    from django.utils import timezone

    import analytics
    from accounts.models import User
    from analytics import recording
    from forum.models import Question
    from learning.models import LearningPackagePage, LessonPage
    from library.models import LibraryDocument
    from webinars.models import WebinarPage

    user = User.objects.get(email="participant@example.org")
    lesson = LessonPage.objects.live().filter(locale__language_code="nl").first()
    lesson.package  # noqa: B018 - resolved by the page's own context, as in a real request
    items = {
        "lesson": lesson,
        "package": LearningPackagePage.objects.live().filter(locale__language_code="nl")
        .first(),
        "webinar": WebinarPage.objects.live().filter(locale__language_code="nl").first(),
        "forum question": Question.objects.select_related("topic").first(),
        "slide document": next(d for d in LibraryDocument.objects.exclude(topics=None)
                               if not d.is_video),
    }
    request = RequestFactory().get("/nl/", HTTP_USER_AGENT="Mozilla/5.0 Firefox/130")
    request.user = user
    request.LANGUAGE_CODE = "nl"
    print(f"\n1. analytics.record_view per call ({calls} calls each, ms), "
          f"{timezone.localdate()}")
    print(f"{'item':<16} {'median':>8} {'p95':>8}  {'cold median':>11} {'cold p95':>8}")
    for name, item in items.items():
        analytics.record_view(request, item)  # warm: today's key, locale cache
        warm, cold = [], []
        for _ in range(calls):
            start = time.perf_counter()
            assert analytics.record_view(request, item)
            warm.append(time.perf_counter() - start)
            # Cold: the item's topics not cached (its first view in a minute, per process).
            recording._topics.clear()
            start = time.perf_counter()
            assert analytics.record_view(request, item)
            cold.append(time.perf_counter() - start)
        print(f"{name:<16} {ms(summary(warm)[0]):>8} {ms(summary(warm)[1]):>8}  "
              f"{ms(summary(cold)[0]):>11} {ms(summary(cold)[1]):>8}")


def bench_request(requests):
    from django.test import Client

    import analytics.recording as recording
    from accounts.models import User
    from learning.models import LessonPage

    client = Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/130", HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email="participant@example.org"))
    url = LessonPage.objects.live().filter(locale__language_code="nl").first().url
    real = recording.record
    off = lambda *args, **kwargs: False  # noqa: E731
    timings = {"with recording": [], "without": []}
    for _ in range(20):
        client.get(url)
    for i in range(requests * 2):
        label = "with recording" if i % 2 == 0 else "without"
        recording.record = real if label == "with recording" else off
        start = time.perf_counter()
        response = client.get(url)
        timings[label].append(time.perf_counter() - start)
        assert response.status_code == 200
    recording.record = real
    print(f"\n2. A lesson page through the test client ({requests} requests each, ms)")
    print(f"{'':<16} {'median':>8} {'p95':>8}")
    medians = {}
    for label, samples in timings.items():
        medians[label], p95 = summary(samples)
        print(f"{label:<16} {ms(medians[label]):>8} {ms(p95):>8}")
    print(f"{'difference':<16} {ms(medians['with recording'] - medians['without']):>8}")


AVERAGE_WEEKDAY = (5 * 1.0 + 2 * 0.3) / 7


def fill_year(views_wanted, seed=365):
    """A year of counts: 16 topics with different interest, 40 items each, two languages."""
    from django.db import connection
    from django.utils import timezone

    from analytics.models import DailyCount, DailyReach
    from topics.models import Topic

    rng = random.Random(seed)
    topics = list(Topic.objects.filter(locale__language_code="nl")
                  .values_list("translation_key", flat=True))
    weights = [1 / (rank + 1) for rank in range(len(topics))]
    types = ["learning.lessonpage", "learning.learningpackagepage", "webinars.webinarpage",
             "library.librarydocument", "forum.question"]
    items = {t: [(rng.choice(types), str(uuid.uuid4())) for _ in range(40)] for t in topics}
    per_day = views_wanted / 365 * 1.02
    today = timezone.localdate()
    DailyCount.objects.all().delete()
    DailyReach.objects.all().delete()
    key_field = DailyCount._meta.get_field("topic_key")
    day_field = DailyCount._meta.get_field("day")
    rows, reach, views = [], [], 0
    for offset in range(365):
        day = today - timedelta(days=offset)
        db_day = day_field.get_db_prep_value(day, connection)
        weekday = 0.3 if day.weekday() >= 5 else 1.0
        for topic, weight in zip(topics, weights, strict=True):
            topic_views = per_day * weight / sum(weights) * weekday / AVERAGE_WEEKDAY
            db_topic = key_field.get_db_prep_value(topic, connection)
            for content_type, item in items[topic]:
                for language, share in (("nl", 0.75), ("en", 0.25)):
                    mean = topic_views * share / len(items[topic])
                    n = int(mean * rng.uniform(0.5, 1.5) + rng.random())  # unbiased rounding
                    if not n:
                        continue
                    views += n
                    rows.append((db_day, db_topic, "view", language, content_type, item, n))
                    if content_type == "library.librarydocument":
                        rows.append((db_day, db_topic, "download", language, content_type,
                                     item, max(1, n // 2)))
            reach.append(DailyReach(day=day, topic_key=topic,
                                    participants=max(1, round(topic_views / 3))))
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO analytics_dailycount (day, topic_key, kind, language, content_type, "
            "item_key, count) VALUES (%s, %s, %s, %s, %s, %s, %s)", rows)
    DailyReach.objects.bulk_create(reach, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return views, len(rows), topics[0]


def bench_report(views_wanted, repeats):
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User

    start = time.perf_counter()
    views, rows, top_topic = fill_year(views_wanted)
    print(f"\n3. The report over a year: {views:,} counted views in {rows:,} daily rows "
          f"(filled in {time.perf_counter() - start:.1f} s); median of {repeats} (ms)")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email="coordinator@example.org"))
    cases = [
        ("report, this year", reverse("analytics_report"), {"period": "year"}),
        ("report, 365 days", reverse("analytics_report"), {
            "period": "custom", "start": (date_today() - timedelta(days=364)).isoformat(),
            "end": date_today().isoformat()}),
        ("report, 90 days", reverse("analytics_report"), {"period": "90"}),
        ("report, 30 days", reverse("analytics_report"), {"period": "30"}),
        ("report, 365 d, en only", reverse("analytics_report"), {
            "period": "custom", "start": (date_today() - timedelta(days=364)).isoformat(),
            "end": date_today().isoformat(), "language": "en"}),
        ("CSV, 365 days", reverse("analytics_export"), {
            "period": "custom", "start": (date_today() - timedelta(days=364)).isoformat(),
            "end": date_today().isoformat()}),
        ("topic drill-down, 365 d", reverse("analytics_topic", args=[top_topic]), {
            "period": "custom", "start": (date_today() - timedelta(days=364)).isoformat(),
            "end": date_today().isoformat()}),
    ]
    print(f"{'page':<26} {'median':>8} {'max':>8}")
    for name, url, query in cases:
        samples = []
        for _ in range(repeats):
            begin = time.perf_counter()
            response = client.get(url, query)
            samples.append(time.perf_counter() - begin)
            assert response.status_code == 200, (name, response.status_code)
        print(f"{name:<26} {ms(statistics.median(samples)):>8} {ms(max(samples)):>8}")


def date_today():
    from django.utils import timezone

    return timezone.localdate()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=2000, help="record_view calls per item")
    parser.add_argument("--requests", type=int, default=200, help="page requests per variant")
    parser.add_argument("--views", type=int, default=1_000_000, help="views in the year")
    parser.add_argument("--repeats", type=int, default=5, help="renders per report case")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="leerkring-analytics-bench-"))
    try:
        print(f"Preparing a fresh database in {data_dir} (migrate, demo)...", flush=True)
        setup_django(data_dir)
        bench_record(args.calls)
        bench_request(args.requests)
        bench_report(args.views, args.repeats)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
