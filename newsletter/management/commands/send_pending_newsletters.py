"""Queue again the newsletter deliveries a lost task or a stopped worker left unsent."""

from django.core.management.base import BaseCommand

from newsletter import sending


class Command(BaseCommand):
    help = "Queue again newsletter emails left unsent by a lost task or a stopped worker."

    def handle(self, *args, **options):
        stuck, queued = sending.sweep()
        self.stdout.write(f"Newsletter: {stuck} put back, {queued} queued.")
