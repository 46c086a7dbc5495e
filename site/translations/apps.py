from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        # why: permissions.py uses Wagtail's models, loaded by now (not when apps.py is).
        from .permissions import sync_translator_publishing

        post_migrate.connect(sync_translator_publishing, sender=self,
                             dispatch_uid="translations.sync_translator_publishing")
