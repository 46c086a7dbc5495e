from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def demo_modules():
    """The ``demo`` module of every app that has one, in INSTALLED_APPS order.

    Each has a ``load(command)`` function; later apps can rely on the
    accounts, topics and pages loaded before them. A demo module may offer
    more to the site's own demos (analytics.demo's ``analytics_items``).
    """
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.demo"
        if find_spec(module_name) is not None:
            yield import_module(module_name)


class Command(BaseCommand):
    help = (
        "Load the bilingual demo content and one account per role. Safe to run "
        "again: what exists is left alone. Refused in production."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("Demo content is not allowed with these settings (production).")
        with transaction.atomic():
            for module in demo_modules():
                module.load(self)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
