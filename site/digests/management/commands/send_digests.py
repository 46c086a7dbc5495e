"""Send every digest that is due (digests/sending.py).

Run hourly (deploy/systemd/leerkring-digests.timer). Safe at any time and on
several servers at once: a member's digest for a day or week is claimed
once, so a second run right after the first sends nothing.
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from digests import schedule, sending


def moment(text):
    try:
        value = datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--now: not an ISO date and time: {text!r}") from error
    return value if timezone.is_aware(value) else value.replace(tzinfo=schedule.local_zone())


class Command(BaseCommand):
    help = "Send the digests that are due (daily and weekly), each once."

    def add_arguments(self, parser):
        parser.add_argument("--now", type=moment,
                            help="act as if it were this moment (ISO 8601; Brussels time "
                                 "when no offset is given)")
        parser.add_argument("--dry-run", action="store_true",
                            help="count what would be sent; record and send nothing")
        parser.add_argument("--batch-size", type=int, default=sending.BATCH,
                            help="members read at a time")

    def handle(self, *args, now, dry_run, batch_size, **options):
        outcome = sending.run(now, dry_run=dry_run, size=batch_size)
        if options["verbosity"] > 0:
            verb = "would be sent" if dry_run else "sent"
            self.stdout.write(f"{outcome.sent} digests {verb}, {outcome.nothing} members with "
                              f"nothing new, {outcome.failed} failed")
