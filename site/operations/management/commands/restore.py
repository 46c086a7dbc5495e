from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from operations import backups
from sitesearch import queue


class Command(BaseCommand):
    help = ("Restore a backup folder (from `manage.py backup`) into an empty database and "
            "MEDIA_ROOT, bring the tables up to this version (migrate), empty the shared "
            "cache and rebuild the search indexes. Stop the web, index and task services first.")

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder, **options):
        try:
            manifest = backups.read_manifest(folder)
            backups.check_empty_target(manifest)
            backups.restore_database(folder, manifest)
            restored_media = backups.restore_media(folder, manifest)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        # A backup of an older release: its tables are brought up to this code.
        call_command("migrate", interactive=False, verbosity=0)
        # Cached pages, generations and sessions describe the site before the restore.
        cache.clear()
        queue.rebuild()
        self.stdout.write(f"Restored the backup of {manifest['created']}.")
        if not restored_media:
            self.stdout.write("No files were unpacked: "
                              + (manifest["media_note"] or "uploads are in object storage."))
        self.stdout.write("Search indexes rebuilt; start the services again.")
