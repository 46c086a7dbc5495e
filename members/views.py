"""The directory's and the teams' pages: each route of the two section pages
(models/pages.py) hands over to one of these, with the page.

Who may be shown comes from consent.py (people) and teams.py (a team's inside).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from . import consent
from . import teams as team_rules
from .models.records import Profile
from .models.teams import Team


def _render(request, page, template, context):
    return TemplateResponse(request, template, {"page": page, "self": page, **context})


def directory(request, page):
    profiles = consent.listed_profiles().select_related("user").order_by(
        "user__first_name", "user__last_name", "pk")
    return _render(request, page, "members/directory.html", {"profiles": profiles})


def profile(request, page, slug):
    shown = get_object_or_404(Profile.objects.select_related("user"), slug=slug)
    if not consent.may_see_profile(request.user, shown.user):
        raise Http404
    return _render(request, page, "members/profile.html", {
        "profile": shown, "show_email": consent.may_see_email(request.user, shown.user)})


def teams(request, page):
    return _render(request, page, "members/teams.html",
                   {"teams": team_rules.teams_in(page.locale)})


def team(request, page, slug):
    shown = get_object_or_404(Team, locale=page.locale, slug=slug)
    return _render(request, page, "members/team.html", {
        "team": shown, "inside": team_rules.may_see_inside(request.user, shown)})
