from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        from django.contrib.auth import get_user_model

        # why: models cannot be imported before the app registry is ready.
        from pages import shared

        # why: the same.
        from .thread import NAME_FIELDS

        # Question pages keep their authors' names (thread.py): a new name or a
        # deleted account starts a new forum generation.
        shared.watch("forum", get_user_model(), fields=NAME_FIELDS)
