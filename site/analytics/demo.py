"""Demo history: 180 days of traffic on the demo content, so the report shows something.

Each topic gets its own level of interest and trend (some grow, some fade),
weekdays are busier than weekends, most reading is in Dutch. Made with
bulk_create in a second or two; skipped when any count exists.

The content comes from the apps: an app's ``demo.py`` may define
``analytics_items(locale)`` (``locale``: the default language), returning
``DemoItem``s for its demo content. They are found as ``load_demo`` finds
the demo modules, and it runs this one after the content apps'. This module
knows none of them.
"""

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from pages.management.commands.load_demo import demo_modules
from topics.models import Topic

from .kinds import Kind
from .models import DailyCount, DailyReach
from .recording import identify

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


@dataclass(frozen=True)
class DemoItem:
    """One piece of demo content, as an app offers it to the history.

    ``content_type`` and ``key`` as recording stores them ("app_label.model";
    the translation key of pages and snippets, else the primary key).
    ``rates``: {Kind: events per view}; ``Kind.VIEW: 0`` for content that is
    never counted as viewed (a download is its view). ``language``: the one
    language it is read in, or "" for the readers' mix. ``posted``: the kind
    counted now and then on a busy topic when such an item is written (a
    question), or None.
    """

    content_type: str
    key: str
    topic_keys: list
    rates: dict = field(default_factory=dict)
    language: str = ""
    posted: Kind | None = None

    @classmethod
    def of(cls, item, topics, **options):
        """The DemoItem of a model instance with these topics, keyed as recording keys it."""
        content_type, key = identify(item)
        return cls(content_type, key, [topic.translation_key for topic in topics], **options)


def _items(locale):
    """Every app's DemoItems that have a topic."""
    items = []
    for module in demo_modules():
        contribute = getattr(module, "analytics_items", None)
        if contribute is not None:
            items.extend(contribute(locale))
    return [item for item in items if item.topic_keys]


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
    for item in items:
        for topic_key in item.topic_keys:
            by_topic[topic_key].append((item, rng.uniform(0.3, 1.7)))
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
            weights = [weight for _item, weight in topic_items]
            for item, _w in rng.choices(topic_items, weights, k=views):
                language = item.language or ("nl" if rng.random() < 0.75 else "en")
                events = [kind for kind, rate in item.rates.items() if rng.random() < rate]
                if item.rates.get(Kind.VIEW, 1.0):
                    events.append(Kind.VIEW)
                for kind in events:
                    row = (day, topic_key, str(kind), language, item.content_type, item.key)
                    counts[row] = counts.get(row, 0) + 1
            if rng.random() < interest[topic_key] / 120 * weekday:
                posted = [item for item, _w in topic_items if item.posted]
                if posted:
                    item = rng.choice(posted)
                    row = (day, topic_key, str(item.posted), "nl", item.content_type, item.key)
                    counts[row] = counts.get(row, 0) + 1
    DailyCount.objects.bulk_create(
        [DailyCount(day=d, topic_key=t, kind=k, language=lang, content_type=ct, item_key=i,
                    count=n) for (d, t, k, lang, ct, i), n in counts.items()],
        batch_size=2000,
    )
    DailyReach.objects.bulk_create(reach, batch_size=2000)
    command.stdout.write(f"Analytics: {DAYS} days of demo traffic ({len(counts)} counts).")
