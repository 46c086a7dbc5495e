"""Counting one event: who is left out, what is stored, and never an error.

``record`` returns at once for anonymous visitors, previews, admin pages,
bots and members who opted out; otherwise it raises the day's counter of
each topic of the item (one upsert for all topics) and notes a keyed hash
of the member for the day's distinct participants (one insert that ignores
duplicates, skipped when this process already noted it). Any failure is
logged and swallowed: counting never breaks a page.
"""

import hashlib
import hmac
import logging
import re
import secrets
import threading
import uuid

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

import caching
from topics.models import Topic

from .models import DailyCount, DailyParticipant, DailySecret

logger = logging.getLogger(__name__)

# Crawlers, link previewers, monitors and scripted clients (checked, never stored).
BOT_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|monitor|headless|curl|wget|python-|httpclient|"
    r"java/|go-http|libwww|scrapy|facebookexternalhit|lighthouse|pingdom",
    re.IGNORECASE,
)
ADMIN_PREFIX = "/admin/"

_lock = threading.Lock()
_secret = {"day": None, "key": b""}
_noted = set()  # (day, topic key, digest) already inserted by this process
_NOTED_MAX = 50_000
_languages = {}  # locale id -> language code


def should_count(request):
    """False for requests that never count: see the module docstring."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "analytics_opt_out", False):
        return False
    if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
        return False
    if request.path.startswith(ADMIN_PREFIX):
        return False
    agent = request.META.get("HTTP_USER_AGENT", "")
    return not BOT_AGENT.search(agent)


def record(request, item, kind):
    """Count ``kind`` of ``item`` for each of its topics; True when counted."""
    try:
        if item is None or not should_count(request):
            return False
        keys = topic_keys(item)
        if not keys:
            return False
        day = timezone.localdate()
        content_type, item_key = identify(item)
        language = language_of(item, request)
        if connection.in_atomic_block:
            # A failure must not spoil the caller's transaction: use a savepoint.
            with transaction.atomic():
                _store(day, keys, content_type, item_key, str(kind), language, request.user)
        else:
            _store(day, keys, content_type, item_key, str(kind), language, request.user)
        return True
    except Exception:  # noqa: BLE001 - counting must never break the page
        logger.exception("Could not record an analytics event")
        return False


# --- What an item is --------------------------------------------------------------


def topic_keys(item):
    """The translation keys of the item's topics.

    An item exposes its topics with an ``analytics_topics()`` method (any
    iterable of topics, or another item whose topics it shares: a lesson
    returns its package), a ``topics`` many-to-many field or a ``topic``
    foreign key. Topics seldom change, so each process remembers an item's
    for a minute (caching memo "analytics-topics"): a popular page costs no
    query for them.
    """
    return caching.memo("analytics-topics", (type(item), item.pk),
                        lambda: _read_topic_keys(item))


def _read_topic_keys(item):
    getter = getattr(item, "analytics_topics", None)
    if getter is not None:
        topics = getter()
        if hasattr(topics, "_meta"):  # another item whose topics this one shares
            return _read_topic_keys(topics)
    elif getattr(item, "topic_id", None) is not None:
        topics = [item.topic]
    elif hasattr(item, "topics"):
        return _m2m_topic_keys(item)
    else:
        return []
    return sorted({topic.translation_key for topic in topics})


def _m2m_topic_keys(item):
    """A ``topics`` many-to-many field, read with one plain query (the ORM's costs 0.5 ms)."""
    model = type(item)
    sql = _SQL.get(model)
    if sql is None:
        field = model._meta.get_field("topics")
        q = connection.ops.quote_name
        through = field.remote_field.through._meta.db_table
        sql = _SQL[model] = (
            f"SELECT t.{q('translation_key')} FROM {q(Topic._meta.db_table)} t "
            f"INNER JOIN {q(through)} m ON m.{q(field.m2m_reverse_name())} = t.{q('id')} "
            f"WHERE m.{q(field.m2m_column_name())} = %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [item.pk])
        values = [row[0] for row in cursor.fetchall()]
    return sorted({value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
                   for value in values})


def identify(item):
    """(content type label, item key): translations of one item share the key."""
    from wagtail.models import Page

    model = type(item)
    if isinstance(item, Page) and model is Page:
        model = item.specific_class or Page
    translation_key = getattr(item, "translation_key", None)
    key = str(translation_key) if translation_key is not None else str(item.pk)
    return model._meta.label_lower, key


def language_of(item, request):
    """The language of the version read: its locale, its own language, else the page's."""
    locale_id = getattr(item, "locale_id", None)
    if locale_id is not None:
        if locale_id not in _languages:
            from wagtail.models import Locale

            _languages[locale_id] = Locale.objects.get(pk=locale_id).language_code
        return _languages[locale_id]
    language = getattr(item, "language", None)
    if isinstance(language, str) and language:
        return language[:8]
    return (getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE)[:8]


# --- Storing -------------------------------------------------------------------------


_SQL = {}  # statements built once per process


def secret_for(day):
    """Today's hash key, created on first use; older keys are deleted then."""
    if _secret["day"] == day:
        return _secret["key"]
    with _lock:
        row = DailySecret.objects.filter(day=day).first()
        if row is None:
            try:
                with transaction.atomic():
                    row = DailySecret.objects.create(day=day, secret=secrets.token_hex(32))
            except IntegrityError:  # another process made it first
                row = DailySecret.objects.get(day=day)
            DailySecret.objects.filter(day__lt=day).delete()
        _secret.update(day=day, key=bytes.fromhex(row.secret))
        _noted.clear()
    return _secret["key"]


def pseudonym(user_id, day):
    return hmac.new(secret_for(day), f"{day.isoformat()}:{user_id}".encode(),
                    hashlib.sha256).hexdigest()[:32]


def _upsert_sql():
    table = DailyCount._meta.db_table
    q = connection.ops.quote_name
    columns = ["day", "topic_key", "kind", "language", "content_type", "item_key", "count"]
    names = ", ".join(q(c) for c in columns)
    conflict = ", ".join(q(c) for c in columns[:-1])
    return (f"INSERT INTO {q(table)} ({names}) VALUES {{values}} "
            f"ON CONFLICT ({conflict}) DO UPDATE SET {q('count')} = "
            f"{q(table)}.{q('count')} + excluded.{q('count')}")


def _store(day, keys, content_type, item_key, kind, language, user):
    fields = DailyCount._meta
    db_day = fields.get_field("day").get_db_prep_value(day, connection)
    key_field = fields.get_field("topic_key")
    params = []
    for key in keys:
        params += [db_day, key_field.get_db_prep_value(key, connection), kind, language,
                   content_type, item_key, 1]
    if "upsert" not in _SQL:
        _SQL["upsert"] = _upsert_sql()
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(_SQL["upsert"].format(values=values), params)

    digest = pseudonym(user.pk, day)
    fresh = [key for key in keys if (day, key, digest) not in _noted]
    if fresh:
        DailyParticipant.objects.bulk_create(
            [DailyParticipant(day=day, topic_key=key, digest=digest) for key in fresh],
            ignore_conflicts=True,
        )
        if len(_noted) > _NOTED_MAX:
            _noted.clear()
        _noted.update((day, key, digest) for key in fresh)


def forget_caches():
    """Drop this process's cached key and noted participants (tests; a new day does it too)."""
    with _lock:
        _secret.update(day=None, key=b"")
        _noted.clear()
    caching.forget("analytics-topics")
