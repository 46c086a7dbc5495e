"""Send the reminders that are due: the day before and an hour before each session.

Run every ten minutes (deploy/systemd/leerkring-reminders.timer); see
reminders/sending.py. Harmless to run at any time or on several servers:
each reminder is claimed once.
"""

from django.core.management.base import BaseCommand

from reminders.sending import send_due


class Command(BaseCommand):
    help = "Send the reminders of sessions that start within a day or within the hour."

    def handle(self, *args, **options):
        outcome = send_due()
        if options["verbosity"] > 0:
            self.stdout.write(f"{outcome.sent} reminders sent.")
        if outcome.failed:
            self.stderr.write(f"{outcome.failed} reminders failed (see the log); the next "
                              "run tries them again.")
