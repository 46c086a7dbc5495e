"""What the notifications app adds to the site shell's registries: its own kind
(the newsletter), the email settings on My account, and the member's data."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import personal_data
from .forms import PreferencesForm
from .kinds import HOOK, NEWSLETTER, Kind


@hooks.register(HOOK)
def notice_kinds():
    return [Kind(NEWSLETTER, _("Newsletter"),
                 _("News from the community of practice, now and then."),
                 email_default=False, order=1000)]


@hooks.register("leerkring_account_panels")
def email_settings_panel(request):
    return {"template": "notices/account_panel.html", "order": 20,
            "form": PreferencesForm(user=request.user)}


@hooks.register("leerkring_personal_data")
def notice_data():
    return personal_data.SECTION
