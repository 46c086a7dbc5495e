"""The member directory (/nl/leden/, /en/members/) and the teams page
(/nl/teams/, /en/teams/): one of each per language tree.

Their pages (the directory, a profile, a team, the forms) are routes of these
pages; each hands over to a view in views.py (the directory) or team_views.py
(the teams).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from pages.models import SectionIndexPage

from .. import team_views, views


class MemberDirectoryPage(RoutablePageMixin, SectionIndexPage):
    """Members who agreed to be found, and each one's profile."""

    class Meta:
        verbose_name = _("member directory")

    def url_for(self, name, **kwargs):
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)

    @path("", name="index")
    def index(self, request):
        return views.directory(request, self)

    # Before the profiles: "my-profile" is kept from their addresses
    # (records.RESERVED_SLUGS). The form lives here, not under My account, so
    # that the site shell needs no knowledge of profiles; My account links to it.
    @path("my-profile/", name="edit_profile")
    def edit_profile(self, request):
        return views.edit_profile(request, self)

    # Before the profiles too (records.RESERVED_SLUGS); the text boxes' script asks it.
    @path("mentions/", name="mentions")
    def mentions(self, request):
        return views.mention_suggestions(request, self)

    @path("<str:slug>/", name="profile")
    def profile(self, request, slug):
        return views.profile(request, self, slug)

    @path("<str:slug>/photo/", name="photo")
    def photo(self, request, slug):
        return views.photo(request, self, slug)

    @path("<str:slug>/contact/", name="contact")
    def contact(self, request, slug):
        return views.contact(request, self, slug)


class TeamIndexPage(RoutablePageMixin, SectionIndexPage):
    """The product-group teams: their public face to all, their inside to their members.

    Each route hands over to members/team_views.py; changes are POSTs.
    """

    class Meta:
        verbose_name = _("teams")

    def url_for(self, name, **kwargs):
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)

    @path("", name="index")
    def index(self, request):
        return team_views.index(request, self)

    @path("<str:slug>/", name="team")
    def team(self, request, slug):
        return team_views.team(request, self, slug)

    @path("<str:slug>/join/", name="join")
    def join(self, request, slug):
        return team_views.join(request, self, slug)

    @path("<str:slug>/withdraw/", name="withdraw")
    def withdraw(self, request, slug):
        return team_views.withdraw(request, self, slug)

    @path("<str:slug>/leave/", name="leave")
    def leave(self, request, slug):
        return team_views.leave(request, self, slug)

    @path("<str:slug>/requests/<int:pk>/<str:decision>/", name="decide")
    def decide(self, request, slug, pk, decision):
        return team_views.decide(request, self, slug, pk, decision)

    @path("<str:slug>/members/<int:user_pk>/remove/", name="remove")
    def remove(self, request, slug, user_pk):
        return team_views.remove(request, self, slug, user_pk)

    @path("<str:slug>/meetings/new/", name="new_meeting")
    def new_meeting(self, request, slug):
        return team_views.new_meeting(request, self, slug)

    @path("<str:slug>/meetings/<int:pk>/calendar/", name="meeting_calendar")
    def meeting_calendar(self, request, slug, pk):
        return team_views.meeting_calendar(request, self, slug, pk)

    @path("<str:slug>/minutes/", name="all_minutes")
    def all_minutes(self, request, slug):
        return team_views.all_minutes(request, self, slug)

    @path("<str:slug>/minutes/new/", name="new_minutes")
    def new_minutes(self, request, slug):
        return team_views.new_minutes(request, self, slug)

    @path("<str:slug>/minutes/<int:pk>/edit/", name="edit_minutes")
    def edit_minutes(self, request, slug, pk):
        return team_views.edit_minutes(request, self, slug, pk)

    @path("<str:slug>/files/<int:pk>/", name="attachment")
    def attachment(self, request, slug, pk):
        return team_views.attachment(request, self, slug, pk)
