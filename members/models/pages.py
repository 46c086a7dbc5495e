"""The member directory (/nl/leden/, /en/members/) and the teams page
(/nl/teams/, /en/teams/): one of each per language tree.

Their pages (the directory, a profile, a team, the forms) are routes of these
pages; each hands over to a view in views.py.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from pages.models import SectionIndexPage

from .. import views


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
    """The product-group teams: their public face to all, their inside to their members."""

    class Meta:
        verbose_name = _("teams")

    def url_for(self, name, **kwargs):
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)

    @path("", name="index")
    def index(self, request):
        return views.teams(request, self)

    @path("<str:slug>/", name="team")
    def team(self, request, slug):
        return views.team(request, self, slug)
