from django.core.management.base import BaseCommand, CommandError

from operations import backups


class Command(BaseCommand):
    help = ("Back up the database and the uploaded files into a new folder inside DIRECTORY "
            "(see operations/backups.py); prints the folder's path.")

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--keep", type=int, default=0,
                            help="Afterwards delete all but this many newest backups "
                                 "in DIRECTORY (default: delete none).")

    def handle(self, *args, directory, keep, **options):
        try:
            folder = backups.backup(directory)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if backups.media_root() is None:
            self.stderr.write("Uploads are in object storage and not in this backup: "
                              "the bucket's versioning or replication is their backup.")
        for old in backups.prune(directory, keep):
            self.stderr.write(f"Deleted the older backup {old}")
        self.stdout.write(str(folder))
