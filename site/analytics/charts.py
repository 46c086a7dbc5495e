"""Charts drawn on the server as SVG: no script, no external library.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
that says in words what it shows; the numbers are also in a table next to
it (the report's table, or a table under each trend chart).
"""

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

INK = "#1f2937"
BAR = "#1d6b50"
GRID = "#d1d5db"


def _fmt(n):
    return number_format(n, force_grouping=True)


def bar_chart(chart_id, title, desc, items):
    """Horizontal bars: ``items`` is [(label, value)], drawn in that order."""
    label_width, bar_width, row, top = 220, 420, 26, 8
    width = label_width + bar_width + 90
    height = top * 2 + row * max(len(items), 1)
    most = max((value for _label, value in items), default=0) or 1
    rows = []
    for i, (label, value) in enumerate(items):
        y = top + i * row
        length = round(bar_width * value / most, 1)
        rows.append(format_html(
            '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
            '<text x="{}" y="{}" fill="{}">{}</text>',
            label_width - 8, y + row * 0.65, INK, _truncate(label, 30),
            label_width, y + 4, length, row - 8, BAR,
            label_width + length + 6, y + row * 0.65, INK, _fmt(value),
        ))
    return format_html(
        '<svg class="analytics-chart" id="{id}" role="img" viewBox="0 0 {w} {h}" '
        'aria-labelledby="{id}-title {id}-desc" font-size="13" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<rect width="{w}" height="{h}" fill="#fff"></rect>{rows}</svg>',
        id=chart_id, w=width, h=height, title=title, desc=desc,
        rows=mark_safe("".join(rows)),  # noqa: S308 - every part went through format_html
    )


def line_chart(chart_id, title, desc, values, first_label, last_label):
    """A small line chart of ``values`` (one per bucket) with its maximum marked."""
    width, height, left, bottom, top = 320, 120, 44, 22, 10
    plot_w, plot_h = width - left - 8, height - bottom - top
    most = max(values, default=0)
    scale = most or 1
    count = len(values)
    step = plot_w / (count - 1) if count > 1 else 0
    points = " ".join(
        f"{left + i * step:.1f},{top + plot_h - plot_h * v / scale:.1f}"
        for i, v in enumerate(values)
    )
    return format_html(
        '<svg class="analytics-chart analytics-chart--small" id="{id}" role="img" '
        'viewBox="0 0 {w} {h}" aria-labelledby="{id}-title {id}-desc" font-size="11" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<rect width="{w}" height="{h}" fill="#fff"></rect>'
        '<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" stroke="{grid}"></line>'
        '<line x1="{left}" y1="{top}" x2="{right}" y2="{top}" stroke="{grid}" '
        'stroke-dasharray="3 3"></line>'
        '<text x="{lx}" y="{ty}" text-anchor="end" fill="{ink}">{most}</text>'
        '<text x="{lx}" y="{base}" text-anchor="end" fill="{ink}">0</text>'
        '<polyline points="{points}" fill="none" stroke="{bar}" stroke-width="2"></polyline>'
        '<text x="{left}" y="{label_y}" fill="{ink}">{first}</text>'
        '<text x="{right}" y="{label_y}" text-anchor="end" fill="{ink}">{last}</text></svg>',
        id=chart_id, w=width, h=height, title=title, desc=desc, left=left,
        right=left + plot_w, top=top, base=top + plot_h, grid=GRID, ink=INK, bar=BAR,
        lx=left - 4, ty=top + 4, most=_fmt(most), points=points or f"{left},{top + plot_h}",
        label_y=height - 6, first=first_label, last=last_label,
    )


def _truncate(text, length):
    return text if len(text) <= length else text[: length - 1] + "…"
