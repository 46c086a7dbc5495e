"""What the members app adds to the admin and to the site shell's registries."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts import consent_texts
from pages.sections import section_page
from translations.permissions import SourceLanguageProtectedPolicy

from . import mentions, personal_data, profiles, team_data, teams, whats_new
from .models import ConsentText, MemberDirectoryPage, Team, TeamMembership

# --- Profiles (the directory, its consents, the invitation to complete one's profile) ---
#
# Profiles themselves are not in the admin: who sees a profile is the member's
# choice alone (consent.py), coordinators included.


@hooks.register("register_admin_viewset")
def register_profile_consent_texts():
    """Admin → Profile consent texts: every version, and a new one (coordinators)."""
    return consent_texts.admin_viewset(ConsentText, "members_consent_texts",
                                       menu_label=_("Profile consent texts"), icon="user",
                                       menu_order=275)


def _invitation(request, order):
    """A card inviting a member who never saved their profile to complete it."""
    directory = section_page(request, MemberDirectoryPage)
    if directory is None or not profiles.needs_completing(request.user):
        return None
    return {"template": "members/includes/invitation_panel.html", "order": order,
            "edit_url": directory.url_for("edit_profile")}


@hooks.register("leerkring_home_panels")
def profile_invitation_panel(request, home):
    return _invitation(request, order=5)


@hooks.register("leerkring_account_panels")
def profile_account_panel(request):
    """My account: a link to one's profile, or the invitation to complete it."""
    directory = section_page(request, MemberDirectoryPage)
    if directory is None:
        return None
    return {"template": "members/includes/account_panel.html", "order": 10,
            "edit_url": directory.url_for("edit_profile"),
            "invite": profiles.needs_completing(request.user)}


@hooks.register("leerkring_personal_data")
def member_data():
    """The profile, its consents and the relayed-message log (accounts.personal_data)."""
    return personal_data.SECTION


# --- End of profiles ---------------------------------------------------------------------


# --- Teams (coordinators) -----------------------------------------------------------------
# Teams are a translatable snippet (name, slug and description per language);
# their memberships belong to the team in the default language, so the
# membership screen offers only those. Coordinators have the rights (data
# migration 0003_teams_coordinators); translators translate teams but leave the
# Dutch originals alone, as for topics.


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "description"]


class TeamMembershipViewSet(ModelViewSet):
    model = TeamMembership
    icon = "user"
    menu_label = _("Team members")
    menu_order = 271
    add_to_admin_menu = True
    list_display = ["user", "team", "role", "joined_at"]
    list_filter = ["team", "role"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    form_fields = ["team", "user", "role"]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class MembershipForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                # Memberships belong to the team in the default language (Team.source).
                self.fields["team"].queryset = Team.objects.filter(
                    locale=Locale.get_default()).order_by("name")

        return MembershipForm


register_permission_policy(Team, SourceLanguageProtectedPolicy(Team))
register_snippet(TeamViewSet)


@hooks.register("register_admin_viewset")
def register_team_memberships():
    return TeamMembershipViewSet("team_memberships")


@hooks.register("leerkring_notice_kinds")
def mention_notice_kinds():
    """Being mentioned with @ (members/mentions.py)."""
    return mentions.NOTICE_KINDS


@hooks.register("leerkring_notice_kinds")
def team_notice_kinds():
    """Requests to join (for leaders) and their answers (members/teams.py)."""
    return teams.NOTICE_KINDS


@hooks.register("leerkring_personal_data")
def team_member_data():
    """Memberships, requests to join, meetings added and minutes written."""
    return team_data.SECTION

# --- End of teams ---------------------------------------------------------------------------


# --- New for you (whatsnew.news) -------------------------------------------------------------


@hooks.register("leerkring_whats_new")
def team_news(window):
    """Minutes and meetings added in the member's teams."""
    return whats_new.team_news(window)


@hooks.register("leerkring_member_topics")
def expertise_topics(user, language):
    return whats_new.expertise(user, language)
