from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WhatsNewConfig(AppConfig):
    name = "whatsnew"
    verbose_name = _("New for you")
    default_auto_field = "django.db.models.BigAutoField"
