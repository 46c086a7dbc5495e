import os
import shutil

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from translations import catalogs


class Command(BaseCommand):
    help = (
        "The UI message catalogs in locale/. 'update' extracts new strings (needs GNU "
        "gettext), 'compile' builds the .mo files (no gettext needed), 'check' fails "
        "when a string is missing, untranslated or fuzzy."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["update", "compile", "check"])

    def handle(self, *args, action, **options):
        if action in ("update", "check") and shutil.which("xgettext") is None:
            raise CommandError(
                "GNU gettext is needed to extract strings: install it "
                "(Debian: apt-get install gettext) and try again."
            )
        if action == "update":
            os.chdir(settings.BASE_DIR)
            catalogs.extract()
            for path in catalogs.po_files():
                self.stdout.write(f"Updated {path.relative_to(catalogs.locale_dir().parent)}")
        elif action == "compile":
            for path in catalogs.po_files():
                catalogs.compile_catalog(path)
            self.stdout.write(f"Compiled {len(catalogs.po_files())} catalog(s).")
        else:
            problems = catalogs.check()
            if problems:
                raise CommandError("The message catalogs are incomplete.\n" + problems.report())
            self.stdout.write("The message catalogs are complete.")
