"""The member's notifications page, their email settings, and the unsubscribe link's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import kinds, reading
from . import unsubscribe as links
from .forms import PreferencesForm


def index(request):
    """Newest first; what is shown is marked read (it still shows as new this once)."""
    page_obj = reading.page(request.user, request.GET.get("page"))
    shown = list(page_obj.object_list)
    reading.mark_read(request.user, shown)
    # The bell's count, after marking; read once for the bell and the button.
    request.notices_unread = reading.unread_count(request.user)
    labels = {kind.key: kind.label for kind in kinds.all_kinds()}
    for notification in shown:
        notification.kind_label = labels.get(notification.kind, "")
    return TemplateResponse(request, "notices/index.html", {
        "page_obj": page_obj, "notifications": shown,
        "unread_elsewhere": request.notices_unread,
    })


def read_all(request):
    if request.method != "POST":
        raise Http404
    if reading.mark_all_read(request.user):
        messages.success(request, _("All your notifications are marked as read."))
    return redirect(reverse("notices:index"))


def _next(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return default


def email_settings(request):
    """Which emails the member gets; the same form is a card on My account."""
    form = PreferencesForm(request.POST if request.method == "POST" else None,
                           user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your email settings are saved."))
        return redirect(_next(request, reverse("notices:settings")))
    return TemplateResponse(request, "notices/settings.html", {"form": form})


@login_not_required
@csrf_exempt  # RFC 8058: the mail client's one-click POST has neither cookie nor token
def unsubscribe(request, token):
    """GET shows what the link stops, with a button; POST stops it (or, with
    ``action=resubscribe``, starts it again). No login: the signed link is the key."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        user, stream = links.read(token)
    except links.InvalidLink:
        return TemplateResponse(request, "notices/unsubscribe_invalid.html", status=400)
    done = None
    if request.method == "POST":
        again = request.POST.get("action") == "resubscribe"
        links.subscribe(user, stream, again)
        done = "resubscribed" if again else "unsubscribed"
    return TemplateResponse(request, "notices/unsubscribe.html", {
        "stream_label": links.label(stream), "is_digest": stream == kinds.DIGEST,
        "subscribed": links.is_subscribed(user, stream), "done": done,
    })
