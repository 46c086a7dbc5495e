from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, own_data

app_name = "accounts_admin"
urlpatterns = [
    path("", admin_views.members, name="members"),
    path("invite/", admin_views.invite, name="invite"),
    path("<int:user_id>/resend/", admin_views.resend_invitation, name="resend"),
]


@hooks.register("register_admin_urls")
def register_member_urls():
    return [path("members/", include((urlpatterns, app_name), namespace=app_name))]


class MembersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.INVITE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_members_menu_item():
    return MembersMenuItem(
        _("Members"), reverse("accounts_admin:members"), icon_name="group", order=900
    )


@hooks.register("leerkring_personal_data")
def account_data():
    """The account, its logins and the admin profile (accounts.personal_data)."""
    return own_data.account_section()


@hooks.register("leerkring_personal_data")
def editorial_data():
    """Traces of editorial work in Wagtail's and wagtail-localize's models."""
    return own_data.editorial_section()
