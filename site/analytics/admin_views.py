"""The analytics report in the Wagtail admin (Reports → Interest per topic)."""

import csv

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pages.exports import spreadsheet_safe

from . import charts
from .forms import PeriodForm
from .kinds import Kind
from .models import REPORT_PERMISSION
from .report import COLUMNS, csv_rows, top_items, topic_names, topic_rows, trend


def _allowed(request):
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied


def _language():
    return (get_language() or "nl")[:2]


def _date(day):
    return formats.date_format(day, "j M Y")


def _sorting(request):
    sort = request.GET.get("sort", "view")
    descending = request.GET.get("dir", "desc") != "asc"
    return sort, descending


def _query(request, **changes):
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


def _trend_charts(filters, rows, topic_key=None):
    """A line chart (with its numbers as a table) per topic with views."""
    series, starts = trend(filters, Kind.VIEW, topic_key)
    weekly = len(starts) > 1 and (starts[1] - starts[0]).days == 7
    unit = _("week of") if weekly else _("day")
    charts_out = []
    for position, row in enumerate(rows):
        values = series.get(row.key)
        if not values or not any(values):
            continue
        peak = max(range(len(values)), key=values.__getitem__)
        title = (_("Views per week: %(topic)s") if weekly else _("Views per day: %(topic)s")) % {
            "topic": row.name}
        desc = _("From %(start)s to %(end)s, %(total)s views; most in the %(unit)s "
                 "%(peak_day)s (%(peak)s).") % {
            "start": _date(filters.start), "end": _date(filters.end), "total": sum(values),
            "unit": unit, "peak_day": _date(starts[peak]), "peak": values[peak]}
        charts_out.append({
            "row": row, "title": title,
            "svg": charts.line_chart(f"trend-{position}", title, desc, values,
                                     _date(starts[0]), _date(starts[-1])),
            "points": [(_date(day), n) for day, n in zip(starts, values, strict=True)],
            "unit": unit,
        })
    return charts_out


def report(request):
    """Per topic: views, participants and the other events, with charts and filters."""
    _allowed(request)
    form = PeriodForm(request.GET or None)
    filters = form.filters()
    sort, descending = _sorting(request)
    rows = topic_rows(filters, _language(), sort, descending)
    by_views = sorted(rows, key=lambda r: r.values[Kind.VIEW], reverse=True)
    bars = [(r.name, r.values[Kind.VIEW]) for r in by_views if r.values[Kind.VIEW]]
    bar_desc = ", ".join(f"{name}: {value}" for name, value in bars) or _("No views yet.")
    headers = []
    for key, label in [("topic", _("Topic")), *COLUMNS]:
        active = key == sort
        headers.append({
            "key": key, "label": label, "active": active,
            "aria_sort": ("descending" if descending else "ascending") if active else "",
            # A second click turns the order round; topics start A to Z, numbers high to low.
            "query": _query(request, sort=key, dir=(("asc" if descending else "desc") if active
                                                    else ("asc" if key == "topic" else "desc"))),
        })
    return TemplateResponse(request, "analytics/admin/report.html", {
        "form": form, "filters": filters, "rows": rows, "headers": headers,
        "bar_chart": charts.bar_chart(
            "topics-bar", _("Views per topic, %(start)s to %(end)s") % {
                "start": _date(filters.start), "end": _date(filters.end)},
            bar_desc, bars) if bars else None,
        "trends": _trend_charts(filters, by_views),
        "min_group": settings.ANALYTICS_MIN_GROUP,
        "export_query": _query(request),
        "detail_query": _query(request),
    })


def export(request):
    """The table of the report as CSV: the same rows, cells and masking."""
    _allowed(request)
    form = PeriodForm(request.GET or None)
    filters = form.filters()
    sort, descending = _sorting(request)
    rows = topic_rows(filters, _language(), sort, descending)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="topics-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv"')
    writer = csv.writer(response)
    for line in csv_rows(rows):
        writer.writerow([spreadsheet_safe(cell) for cell in line])
    return response


def topic(request, topic_key):
    """One topic: its trend and its most used content items, with links."""
    _allowed(request)
    form = PeriodForm(request.GET or None)
    filters = form.filters()
    names = topic_names([topic_key], _language())
    rows = [row for row in topic_rows(filters, _language()) if row.key == topic_key]
    if not rows:
        raise Http404
    row = rows[0]
    row.name = names.get(topic_key, row.name)
    items = top_items(filters, topic_key, request.user, _language())
    kinds = [key for key, _label in COLUMNS if key != "participants"]
    for item in items:
        item.cells = [item.values[kind] for kind in kinds]
    return TemplateResponse(request, "analytics/admin/topic.html", {
        "form": form, "filters": filters, "row": row, "items": items,
        "item_columns": [label for key, label in COLUMNS if key != "participants"],
        "trends": _trend_charts(filters, [row], topic_key),
        "back_query": _query(request),
    })
