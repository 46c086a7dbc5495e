"""Queue again the notification emails a lost task or a stopped worker left behind.

Run every ten minutes (deploy/systemd/leerkring-notices.timer); see
notices/tasks.py. Harmless to run at any time or on several servers: each
email is claimed by one task, once.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from notices import tasks


class Command(BaseCommand):
    help = "Queue again notification emails that are due but were not sent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-minutes", type=int, default=int(tasks.GRACE.total_seconds() // 60),
            help="only emails due at least this long ago (younger ones may still be queued)")

    def handle(self, *args, grace_minutes, **options):
        stuck, queued = tasks.requeue(grace=timedelta(minutes=grace_minutes))
        if options["verbosity"] > 0:
            self.stdout.write(f"{queued} email(s) queued again, {stuck} of them left "
                              "unfinished by a stopped worker.")
