"""What the members app adds to the admin and to the site's registries."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from translations.permissions import SourceLanguageProtectedPolicy

from . import team_data
from .models import Team, TeamMembership

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


@hooks.register("leerkring_personal_data")
def team_member_data():
    """Memberships, requests to join, meetings added and minutes written."""
    return team_data.SECTION

# --- End of teams ---------------------------------------------------------------------------
