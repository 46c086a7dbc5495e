import time

from django.core.management.base import BaseCommand

from sitesearch.queue import process_queue


class Command(BaseCommand):
    help = ("Apply the queued search index updates: once, or as a worker that keeps "
            "watching the queue (one writer; see sitesearch/queue.py).")

    def add_arguments(self, parser):
        parser.add_argument("--watch", action="store_true",
                            help="Keep running, looking at the queue every --interval seconds.")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, watch=False, interval=1.0, **options):
        while True:
            done = process_queue()
            if done and options["verbosity"] > 1:
                self.stdout.write(f"Applied {done} index updates.")
            if not watch:
                if options["verbosity"]:
                    self.stdout.write(f"Applied {done} index updates.")
                return
            if not done:
                time.sleep(interval)
