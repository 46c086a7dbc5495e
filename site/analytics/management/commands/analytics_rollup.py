from django.core.management.base import BaseCommand

from analytics.rollup import rollup


class Command(BaseCommand):
    help = (
        "Count the distinct participants of each finished day per topic, delete the "
        "pseudonymous rows older than ANALYTICS_RETENTION_DAYS and the keys of past days. "
        "The daily counts are kept. Run it daily."
    )

    def handle(self, *args, **options):
        days, rows, secrets = rollup()
        self.stdout.write(f"Rolled up {days} day(s); deleted {rows} participant row(s) and "
                          f"{secrets} old key(s).")
