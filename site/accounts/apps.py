from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # why: importing connects the receiver that blanks the typed address from
        # finished reset tasks; it uses models, not importable before ready().
        from . import tasks  # noqa: F401


class LeerkringUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our profile fields (organisation, language)."""

    user_viewset = "accounts.admin_views.UserViewSet"
