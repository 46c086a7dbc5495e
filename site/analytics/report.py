"""The numbers of the analytics report: per topic, per item, over time.

The table, its CSV export and the charts all come from ``topic_rows`` and
``trend`` so they cannot disagree. Distinct participants are counted per
topic and day (the daily key rotates, so a member is one participant per
day): over a period the report adds the days up ("participant-days").
Topic-level only, they ignore the language and content type filters.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TranslatableMixin

from topics.models import Topic

from .kinds import Kind
from .models import DailyCount, DailyParticipant, DailyReach

# The table's columns after the topic: (key, label). "participants" is not an event kind.
COLUMNS = [
    (Kind.VIEW.value, _("Views")),
    ("participants", _("Participant-days")),
    (Kind.DOWNLOAD.value, _("Downloads")),
    (Kind.REGISTRATION.value, _("Registrations")),
    (Kind.PLAY.value, _("Recording plays")),
    (Kind.LESSON_COMPLETED.value, _("Lessons completed")),
    (Kind.QUESTION.value, _("Questions")),
    (Kind.ANSWER.value, _("Answers")),
]
COLUMN_KEYS = [key for key, _label in COLUMNS]

# The content types the report filters on, in this order (others are shown as found).
CONTENT_TYPES = [
    "learning.learningpackagepage", "learning.lessonpage", "webinars.webinarpage",
    "library.librarydocument", "forum.question", "catalogue.project",
]


@dataclass
class Filters:
    start: date
    end: date
    language: str = ""
    content_type: str = ""

    _daily: list = field(default=None, repr=False, compare=False)

    def counts(self):
        rows = DailyCount.objects.filter(day__gte=self.start, day__lte=self.end)
        if self.language:
            rows = rows.filter(language=self.language)
        if self.content_type:
            rows = rows.filter(content_type=self.content_type)
        return rows

    def daily(self):
        """[(topic key, day, kind, count)]: one scan serves the table and the trends."""
        if self._daily is None:
            self._daily = list(self.counts().values("topic_key", "day", "kind")
                               .annotate(n=Sum("count")).order_by()
                               .values_list("topic_key", "day", "kind", "n"))
        return self._daily


@dataclass
class TopicRow:
    key: object
    name: str
    values: dict = field(default_factory=dict)
    cells: list = field(default_factory=list)


def mask(participants):
    """Fewer distinct participants than ANALYTICS_MIN_GROUP (but some) read "< N"."""
    least = settings.ANALYTICS_MIN_GROUP
    if 0 < participants < least:
        return f"< {least}"
    return str(participants)


def topic_names(keys, language):
    """{translation key: name} in ``language`` where translated, else any version."""
    names = {}
    for topic in Topic.objects.filter(translation_key__in=keys).select_related("locale"):
        if topic.translation_key not in names or topic.locale.language_code == language:
            names[topic.translation_key] = topic.name
    return names


def participants_per_topic(filters):
    """{topic key: sum over the days of distinct participants}."""
    totals = defaultdict(int)
    rolled = set()
    for row in (DailyReach.objects.filter(day__gte=filters.start, day__lte=filters.end)
                .values_list("topic_key", "day", "participants")):
        totals[row[0]] += row[2]
        rolled.add(row[1])
    # Days not rolled up yet (today, or before the first rollup) are counted live.
    live = (DailyParticipant.objects.filter(day__gte=filters.start, day__lte=filters.end)
            .exclude(day__in=rolled).values("topic_key").annotate(n=Count("id")))
    for row in live:
        totals[row["topic_key"]] += row["n"]
    return totals


def topic_rows(filters, language, sort="view", descending=True):
    """One TopicRow per topic (every topic, with or without traffic), sorted."""
    sums = defaultdict(lambda: defaultdict(int))
    for key, _day, kind, n in filters.daily():
        sums[key][kind] += n
    reach = participants_per_topic(filters)
    keys = set(sums) | set(reach) | set(Topic.objects.values_list("translation_key", flat=True))
    names = topic_names(keys, language)
    rows = []
    for key in keys:
        values = {kind: sums[key].get(kind, 0) for kind in Kind.values}
        values["participants"] = reach.get(key, 0)
        row = TopicRow(key=key, name=names.get(key, str(_("Deleted topic"))), values=values)
        row.cells = [str(values[k]) if k != "participants" else mask(values[k])
                     for k in COLUMN_KEYS]
        rows.append(row)
    rows.sort(key=lambda r: r.name.lower())
    if sort in COLUMN_KEYS:
        rows.sort(key=lambda r: r.values[sort], reverse=descending)
    elif sort == "topic" and descending:
        rows.reverse()
    return rows


def csv_rows(rows):
    """The table as CSV rows: the same cells, masking included."""
    yield [str(_("Topic")), *[str(label) for _key, label in COLUMNS]]
    for row in rows:
        yield [row.name, *row.cells]


# --- Over time ---------------------------------------------------------------------


def bucket_size(filters):
    """Days per point of the trend charts: a day up to a month, else a week."""
    return 1 if (filters.end - filters.start).days < 31 else 7


def bucket_starts(filters):
    step = bucket_size(filters)
    first = filters.start if step == 1 else filters.start - timedelta(days=filters.start.weekday())
    starts = []
    current = first
    while current <= filters.end:
        starts.append(current)
        current += timedelta(days=step)
    return starts


def trend(filters, kind=Kind.VIEW, topic_key=None):
    """{topic key: [count per bucket]} and the bucket starts."""
    starts = bucket_starts(filters)
    step = bucket_size(filters)
    index = {}
    first = starts[0]
    series = defaultdict(lambda: [0] * len(starts))
    for key, day, row_kind, n in filters.daily():
        if row_kind != kind or (topic_key is not None and key != topic_key):
            continue
        position = index.get(day)
        if position is None:
            position = index[day] = (day - first).days // step
        series[key][position] += n
    return dict(series), starts


# --- One topic's items --------------------------------------------------------------------


@dataclass
class ItemRow:
    content_type: str
    item_key: str
    values: dict
    title: str = ""
    url: str = ""
    type_label: str = ""


def top_items(filters, topic_key, user, language, limit=25):
    """The topic's items with the most events of any kind, most first, titled and linked."""
    values = defaultdict(lambda: dict.fromkeys(Kind.values, 0))
    for row in (filters.counts().filter(topic_key=topic_key)
                .values("content_type", "item_key", "kind").annotate(n=Sum("count"))
                .order_by()):
        values[(row["content_type"], row["item_key"])][row["kind"]] = row["n"]
    ranked = sorted(values.items(),
                    key=lambda pair: (pair[1][Kind.VIEW], sum(pair[1].values())), reverse=True)
    items = [ItemRow(content_type=ct, item_key=key, values=v) for (ct, key), v in ranked[:limit]]
    describe(items, user, language)
    return items


def type_label(content_type):
    try:
        return str(apps.get_model(content_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return content_type


def describe(items, user, language):
    """Give each item its title and a link, as far as ``user`` may see it.

    A model may narrow what the report names with a classmethod
    ``analytics_queryset(user)``; items outside it are not named.
    """
    from wagtail.admin.admin_url_finder import AdminURLFinder

    finder = AdminURLFinder(user)
    by_type = defaultdict(list)
    for item in items:
        by_type[item.content_type].append(item)
        item.type_label = type_label(item.content_type)
        item.title = str(_("Not available"))
    for content_type, group in by_type.items():
        try:
            model = apps.get_model(content_type)
        except (LookupError, ValueError):
            continue
        narrow = getattr(model, "analytics_queryset", None)
        objects = narrow(user) if narrow else model._default_manager.all()
        keys = [item.item_key for item in group]
        found = {}
        if issubclass(model, TranslatableMixin):
            for obj in objects.filter(translation_key__in=keys).select_related("locale"):
                key = str(obj.translation_key)
                if key not in found or obj.locale.language_code == language:
                    found[key] = obj
        else:
            digits = [key for key in keys if key.isdigit()]
            found = {str(obj.pk): obj for obj in objects.filter(pk__in=digits)}
        for item in group:
            obj = found.get(item.item_key)
            if obj is None:
                continue
            item.title = getattr(obj, "title", None) or str(obj)
            item.url = _link(obj, finder)


def _link(obj, finder):
    if isinstance(obj, Page):
        return (obj.get_url() if obj.live else None) or finder.get_edit_url(obj) or ""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    # Documents and snippets: their admin page (a download link would count a download).
    return finder.get_edit_url(obj) or ""
