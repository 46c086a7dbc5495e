"""What a webinar page answers beyond Wagtail's rendering: each route of the page
(models/pages.py) hands over to one of these, with the page."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify

import analytics
from analytics.kinds import Kind

from . import calendar, registrations


def webinar(request, page):
    if request.method == "POST":
        return _handle_post(request, page)
    response = page.render(request)
    if response.status_code == 200:
        analytics.record_view(request, page)
    return response


def play(request, page):
    """The recording started playing (a beacon from leerkring.js): count a play."""
    if request.method != "POST" or not request.user.is_authenticated:
        raise Http404
    if page.is_over and page.has_recording:
        analytics.record(request, page, Kind.PLAY)
    return HttpResponse(status=204)


def calendar_file(request, page):
    url = request.build_absolute_uri(page.url)
    response = HttpResponse(calendar.ics_for(page, url), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{slugify(page.title)}.ics"'
    return response


def _handle_post(request, page):
    if not request.user.is_authenticated:
        raise Http404
    action = request.POST.get("action")
    if action == "register" and not page.is_over:
        if registrations.current(request.user, page) is None:
            registrations.register(request.user, page)
            analytics.record(request, page, Kind.REGISTRATION)
    elif action == "unregister":
        registrations.unregister(request.user, page)
    return redirect(page.url)
