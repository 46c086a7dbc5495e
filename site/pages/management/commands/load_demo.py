from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the bilingual demo content and one account per role. Safe to run "
        "again: what exists is left alone. Refused in production."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("Demo content is not allowed with these settings (production).")
        # Every app may contribute a ``demo`` module with a ``load(command)``
        # function; they run in INSTALLED_APPS order, so later apps can rely
        # on the accounts, topics and pages loaded before them.
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).load(self)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
