"""The page behind the home page's "New for you" card: the same news, more of it,
and for a chosen period (since the last visit, the last week, the last month)."""

from datetime import timedelta

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

import caching

from . import visits
from .news import compact, member_interests, whats_new

# Items per section on the page, and across sections on the home card.
PAGE_ITEMS = 20
HOME_ITEMS = 6

# The home card is kept per member until any source of news changes (a post, a
# page, a project, a profile or team, a follow, a member's groups), and at most
# KEPT_FOR seconds: what depends on the clock alone (a webinar coming within
# two weeks) is late by that much at most.
KEPT_SCOPES = ("forum", "follows", "pages", "catalogue", "members", "teams", "topics",
               "permissions")
KEPT_FOR = 5 * 60

# The periods the page offers (a query parameter; anything else is the visit).
PERIODS = {"visit": (None, _("Since your last visit")),
           "week": (timedelta(days=7), _("Last 7 days")),
           "month": (timedelta(days=30), _("Last 30 days"))}


def news_for(request, limit, period="visit"):
    """(sections, since, interests) for the member of ``request``, in the active
    language: the news in their topics, their followed questions and their teams."""
    user = request.user
    language = translation.get_language()[:2]
    length = PERIODS[period][0]
    since = visits.new_since(request) if length is None else timezone.now() - length
    interests = member_interests(user, language)
    sections = whats_new(user, since, language=language, limit=limit, in_topics=True,
                         interests=interests)
    return sections, since, interests


def panel(request, order):
    """The home page's card (pages.models.home_panels): at most HOME_ITEMS items,
    each kind of news getting a place. Kept per member and visit for a few
    minutes (``KEPT_SCOPES``): the home page is the most visited one, and its
    news would otherwise be worked out on every visit to it."""
    user = request.user
    language = translation.get_language()[:2]
    since = visits.new_since(request)

    def card():
        interests = member_interests(user, language)
        sections = whats_new(user, since, language=language, limit=HOME_ITEMS,
                             in_topics=True, interests=interests)
        return (compact(sections, HOME_ITEMS), any(i.keys for i in interests),
                [i for i in interests if i.invite_text and i.invite_url])

    sections, has_topics, invitations = caching.remember(
        KEPT_SCOPES, ("new-for-you", user.pk, language, since.isoformat()), card,
        timeout=KEPT_FOR)
    return {"template": "whatsnew/home_panel.html", "order": order,
            "sections": sections, "since": since, "has_topics": has_topics,
            "invitations": invitations, "page_url": reverse("new_for_you")}


@require_GET
def new_for_you(request):
    period = request.GET.get("period")
    period = period if period in PERIODS else "visit"
    sections, since, interests = news_for(request, PAGE_ITEMS, period)
    page_url = reverse("new_for_you")
    return TemplateResponse(request, "whatsnew/new_for_you.html", {
        "news_sections": sections, "since": since, "period": period,
        "periods": [{"code": code, "label": label,
                     "url": page_url if code == "visit" else f"{page_url}?period={code}"}
                    for code, (_length, label) in PERIODS.items()],
        "has_topics": any(interest.keys for interest in interests),
        "invitations": [i for i in interests if i.invite_text and i.invite_url],
    })
