from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Site pages")

    def ready(self):
        from . import chrome

        # A process starting may follow a restored database or a deploy: its
        # cache may describe another page tree.
        chrome.invalidate()
