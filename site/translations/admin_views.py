from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from .status import State, report

PERMISSION = "wagtail_localize.submit_translation"


def translation_status(request):
    """The translators' home: what is missing, in progress, outdated or up to date."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    rows = report()
    counts = {state: 0 for state in State.values}
    for row in rows:
        counts[row.state] += 1
    sections = sorted({row.section for row in rows}, key=str)
    chosen_state = request.GET.get("state", "")
    chosen_section = request.GET.get("section", "")
    shown = [row for row in rows
             if (not chosen_state or row.state == chosen_state)
             and (not chosen_section or str(row.section) == chosen_section)]
    return TemplateResponse(request, "translations/admin/status.html", {
        "rows": shown,
        "total": len(rows),
        "counts": [(State(value), counts[value]) for value in State.values],
        "sections": sections,
        "chosen_state": chosen_state,
        "chosen_section": chosen_section,
    })
