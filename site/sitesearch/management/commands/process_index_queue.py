import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from sitesearch.queue import process_queue

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = ("Apply the queued search index updates: once, or as a worker that keeps "
            "watching the queue (one writer; see sitesearch/queue.py).")

    def add_arguments(self, parser):
        parser.add_argument("--watch", action="store_true",
                            help="Keep running, looking at the queue every --interval seconds.")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, watch=False, interval=1.0, **options):
        if not watch:
            done = process_queue()
            if options["verbosity"]:
                self.stdout.write(f"Applied {done} index updates.")
            return
        while True:
            close_old_connections()
            try:
                done = process_queue()
            except Exception:  # noqa: BLE001 - the rows stay queued; try again shortly
                logger.exception("Could not apply the search index updates; retrying")
                done = 0
            if done and options["verbosity"] > 1:
                self.stdout.write(f"Applied {done} index updates.")
            if not done:
                time.sleep(interval)
