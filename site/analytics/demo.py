"""Demo history: 180 days of traffic on the demo content, so the report shows something.

Each topic gets its own level of interest and trend (some grow, some fade),
weekdays are busier than weekends, most reading is in Dutch. Made with
bulk_create in a second or two; skipped when any count exists.
"""

import math
import random
from collections import defaultdict
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from topics.models import Topic

from .kinds import Kind
from .models import DailyCount, DailyReach

DAYS = 180
COMMUNITY = 140  # members who might read a topic on one day, at most


def _poisson(rng, mean):
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _items(locale):
    """[(content type, item key, [topic keys], {kind: events per view})] of the demo content."""
    from forum.models import Question
    from learning.models import LearningPackagePage, LessonPage
    from library.models import LibraryDocument
    from webinars.models import WebinarPage

    items = []
    packages = LearningPackagePage.objects.filter(locale=locale).prefetch_related("topics")
    for package in packages:
        keys = [t.translation_key for t in package.topics.all()]
        items.append(("learning.learningpackagepage", str(package.translation_key), keys, {}))
        for lesson in LessonPage.objects.child_of(package).filter(locale=locale):
            items.append(("learning.lessonpage", str(lesson.translation_key), keys,
                          {Kind.LESSON_COMPLETED: 0.25}))
    now = timezone.now()
    for webinar in WebinarPage.objects.filter(locale=locale).prefetch_related("topics"):
        rates = ({Kind.PLAY: 0.3} if webinar.ends_at < now and
                 (webinar.recording_file_id or webinar.recording_url)
                 else {Kind.REGISTRATION: 0.12})
        items.append(("webinars.webinarpage", str(webinar.translation_key),
                      [t.translation_key for t in webinar.topics.all()], rates))
    for document in LibraryDocument.objects.prefetch_related("topics"):
        if document.is_video:
            continue
        items.append(("library.librarydocument", str(document.pk),
                      [t.translation_key for t in document.topics.all()],
                      {Kind.DOWNLOAD: 1.0, Kind.VIEW: 0.0}))
    for question in Question.objects.select_related("topic"):
        items.append(("forum.question", str(question.pk), [question.topic.translation_key],
                      {Kind.ANSWER: 0.04}))
    return [item for item in items if item[2]]


def load(command):
    if DailyCount.objects.exists():
        return
    locale = Locale.get_default()
    topics = list(Topic.objects.filter(locale=locale).values_list("translation_key", flat=True))
    items = _items(locale)
    if not topics or not items:
        return
    rng = random.Random(180)
    by_topic = defaultdict(list)
    for content_type, key, topic_keys, rates in items:
        for topic_key in topic_keys:
            by_topic[topic_key].append((content_type, key, rates, rng.uniform(0.3, 1.7)))
    # Interest per topic: a few popular ones, a long tail; each with its own trend.
    interest = {key: 40 / (rank + 1.5) for rank, key in enumerate(rng.sample(topics, len(topics)))}
    trend = {key: rng.uniform(-0.5, 1.2) for key in topics}
    today = timezone.localdate()
    counts, reach = {}, []
    for offset in range(DAYS, 0, -1):
        day = today - timedelta(days=offset)
        weekday = 0.25 if day.weekday() >= 5 else 1.0
        progress = 1 - offset / DAYS
        for topic_key in topics:
            topic_items = by_topic.get(topic_key)
            if not topic_items:
                continue
            mean = interest[topic_key] * weekday * max(0.2, 1 + trend[topic_key] * progress)
            views = _poisson(rng, mean)
            if views:
                reach.append(DailyReach(day=day, topic_key=topic_key, participants=min(
                    COMMUNITY, max(1, round(views / rng.uniform(1.5, 3.0))))))
            weights = [weight for *_rest, weight in topic_items]
            for content_type, key, rates, _w in rng.choices(topic_items, weights, k=views):
                language = "nl" if rng.random() < 0.75 else "en"
                if content_type == "library.librarydocument":
                    language = "nl"
                events = [kind for kind, rate in rates.items() if rng.random() < rate]
                if rates.get(Kind.VIEW, 1.0):
                    events.append(Kind.VIEW)
                for kind in events:
                    row = (day, topic_key, str(kind), language, content_type, key)
                    counts[row] = counts.get(row, 0) + 1
            if rng.random() < interest[topic_key] / 120 * weekday:
                question = [i for i in topic_items if i[0] == "forum.question"]
                if question:
                    key = rng.choice(question)[1]
                    row = (day, topic_key, Kind.QUESTION.value, "nl", "forum.question", key)
                    counts[row] = counts.get(row, 0) + 1
    DailyCount.objects.bulk_create(
        [DailyCount(day=d, topic_key=t, kind=k, language=lang, content_type=ct, item_key=i,
                    count=n) for (d, t, k, lang, ct, i), n in counts.items()],
        batch_size=2000,
    )
    DailyReach.objects.bulk_create(reach, batch_size=2000)
    command.stdout.write(f"Analytics: {DAYS} days of demo traffic ({len(counts)} counts).")
