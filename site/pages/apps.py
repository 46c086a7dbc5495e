from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Site pages")

    def ready(self):
        # why: the patches use models, which cannot be imported before the app
        # registry is ready.
        from . import wagtail_patches

        wagtail_patches.install()
