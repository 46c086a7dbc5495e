from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # why: these connect signals, which needs the models loaded (ready()):
        # the ones that keep cached permissions current, and the receiver that
        # blanks the typed address from finished reset tasks.
        from . import backends, tasks  # noqa: F401


class LeerkringUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our profile fields (organisation, language)."""

    user_viewset = "accounts.admin_views.UserViewSet"
