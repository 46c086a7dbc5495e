"""Traffic per topic, counted by the platform itself: no trackers, no cookies.

Other apps call one of two functions, which never raise and cost well under
a millisecond (see benchmarks/analytics.py)::

    import analytics
    from analytics.kinds import Kind

    analytics.record_view(request, page)                  # a successful page view
    analytics.record(request, document, Kind.DOWNLOAD)    # any other event

``item`` is any model instance that exposes its topics: an
``analytics_topics()`` method (topics, or an item whose topics it shares),
a ``topics`` many-to-many field, or a ``topic`` foreign key (see
recording.topic_keys). Translatable items (pages, snippets) are counted
by their translation key, others by primary key. The rest is in
recording.py; the report is in admin_views.py.
"""


from .kinds import Kind


def record(request, item, kind):
    # why: this package is imported while Django reads INSTALLED_APPS, and by
    # other apps' models: the recording (and the models it stores in) loads at
    # the first event.
    from .recording import record as _record

    return _record(request, item, kind)


def record_view(request, item):
    return record(request, item, Kind.VIEW)
