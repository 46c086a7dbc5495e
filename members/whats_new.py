"""What is new in a member's teams, and their expertise as their topics (whatsnew.news).

Teams: minutes written and meetings added (and still to come) in the window,
in the teams the member belongs to (teams.team_ids_of, read per request),
never what they wrote or added themselves. Coordinators, who may see every
team's inside, get the news of their own teams only: news is about one's
own circles. A team's questions are the forum's news (forum/whats_new.py).

Expertise: the topics on the member's profile are their topics, beside the
ones they follow in the forum.
"""

from django.db.models import Q, Subquery
from django.utils.translation import gettext as _

from whatsnew.news import Interests, Item, merged, open_section, route_url, take

from .models.records import Profile
from .models.teams import Minutes, Team, TeamMeeting
from .teams import TEAMS_PAGE, team_ids_of

DIRECTORY_PAGE = "members.MemberDirectoryPage"


def team_names(team_ids, language):
    """{team pk (default language): (name, slug)} in ``language`` where the team is
    translated, else its own; one query for any number of teams."""
    if not team_ids:
        return {}
    own = Team.objects.filter(pk__in=team_ids)
    rows = list(Team.objects.filter(
        Q(pk__in=team_ids)
        | Q(locale__language_code=language, translation_key__in=Subquery(
            own.values("translation_key"))))
        .values_list("pk", "translation_key", "locale__language_code", "name", "slug"))
    source_of = {key: pk for pk, key, _code, _name, _slug in rows if pk in team_ids}
    names = {}
    for _pk, key, code, name, slug in rows:
        source = source_of.get(key)
        if source is not None and (source not in names or code == language):
            names[source] = (name, slug)
    return names


def team_news(window):
    user = window.user
    teams = team_ids_of(user)
    page = open_section(user, window.language, TEAMS_PAGE) if teams else None
    if page is None:
        return None
    in_window = {"created_at__gte": window.since, "created_at__lt": window.until}
    minutes, minutes_total = take(
        Minutes.objects.filter(team_id__in=teams, **in_window).exclude(author=user)
        .only("pk", "team_id", "title", "created_at").order_by("-created_at", "-pk"),
        window.limit)
    meetings, meetings_total = take(
        TeamMeeting.objects.filter(team_id__in=teams, ends_at__gte=window.until, **in_window)
        .exclude(created_by=user).only("pk", "team_id", "title", "starts_at")
        .order_by("starts_at", "pk"),
        window.limit)
    names = team_names({row.team_id for row in [*minutes, *meetings]}, window.language)

    def item(row, label, when, anchor):
        name, slug = names[row.team_id]
        return Item(title=row.title, url=route_url(page, "team", slug=slug) + anchor,
                    when=when, label=label, why=_("Your team %(team)s") % {"team": name})

    return merged("teams", _("Your teams"), [
        ([item(m, _("New minutes"), m.created_at, f"#minutes-{m.pk}") for m in minutes],
         minutes_total),
        ([item(m, _("New meeting"), m.starts_at, "#meetings") for m in meetings],
         meetings_total),
    ], window.limit, url=page.url, order=20)


def expertise(user, language):
    """The topics of the member's expertise (members.Profile), and where to add them."""
    directory = open_section(user, language, DIRECTORY_PAGE)
    keys = frozenset(Profile.expertise.through.objects.filter(profile__user=user)
                     .values_list("topic__translation_key", flat=True))
    return Interests(keys=keys, invite_text=_("Add your expertise to your profile"),
                     invite_url=route_url(directory, "edit_profile") if directory else "",
                     order=20)
