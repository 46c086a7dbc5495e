import json

from django.core.management.base import BaseCommand, CommandError

from sitesearch.consistency import differences, expected_documents
from sitesearch.languages import all_aliases
from sitesearch.models import IndexUpdate


class Command(BaseCommand):
    help = ("Compare the search indexes with the database: fails when something is missing, "
            "left over or out of date (apply the queue first).")

    def handle(self, *args, **options):
        found = differences()
        sizes = {alias: len(expected_documents(alias)) for alias in all_aliases()}
        queued = IndexUpdate.objects.count()
        if found:
            raise CommandError(f"The search index differs from the database ({queued} updates "
                               f"queued): {json.dumps(found)}")
        self.stdout.write(f"The search index matches the database: {json.dumps(sizes)} "
                          f"documents, {queued} updates queued.")
