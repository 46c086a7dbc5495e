from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .uploads import guard_image_decoding


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Slide library")

    def ready(self):
        guard_image_decoding()
