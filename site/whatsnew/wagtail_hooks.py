"""What the "new for you" app adds to the site shell's registries."""

from wagtail import hooks

from . import views, visits


@hooks.register("leerkring_home_panels")
def new_for_you_panel(request, home):
    """First on the home page: the news since the member's last visit."""
    return views.panel(request, order=3)


@hooks.register("leerkring_personal_data")
def member_data():
    """When the member was last on the site (accounts.personal_data)."""
    return visits.SECTION
