"""The newsletter in the admin: its email preview, the test to oneself, and sending."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from notices import preferences

from . import sending
from .models.records import DeliveryState


def items_for(issue, user):
    return sending.items_for(issue, user)


def preview_email(request, issue, plain=False):
    """The email as the editor would get it, in the language of the copy being edited."""
    message = sending.compose_issue(issue, request.user)
    if plain:
        return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
    return HttpResponse(message.alternatives[0][0])


def send(request, page_id):
    """GET: what sending will do, with the test and send buttons; POST: do one of them."""
    if not sending.may_send(request.user):
        raise PermissionDenied
    issue = get_object_or_404(Page, pk=page_id).specific
    if not hasattr(issue, "introduction"):
        raise PermissionDenied
    dispatch = sending.dispatch_of(issue)
    here = reverse("newsletter_send", args=[page_id])
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            sending.send_test.enqueue(issue.pk, request.user.pk)
            messages.success(request, _("A test is on its way to %(email)s.")
                             % {"email": request.user.email})
        elif action == "send" and dispatch is not None:
            messages.info(request, _("This issue was sent before: it is not sent again."))
        elif action == "send":
            if not issue.live:
                messages.error(request, _("Publish the issue before sending it."))
            elif sending.start(issue, request.user) is not None:
                messages.success(request, _("The newsletter is being sent."))
        return redirect(here)
    subscribers = preferences.newsletter_subscribers()
    return TemplateResponse(request, "newsletter/admin/send.html", {
        "issue": issue, "dispatch": dispatch,
        "subscriber_count": subscribers.count(),
        "progress": _progress(dispatch) if dispatch else None,
    })


def _progress(dispatch):
    """[(state label, number of deliveries)] for the states that have some."""
    counts = dict(dispatch.deliveries.order_by().values_list("state")
                  .annotate(n=Count("pk")).values_list("state", "n"))
    return [(state.label, counts[state]) for state in DeliveryState if counts.get(state)]
