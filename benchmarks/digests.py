"""Digest benchmark: the time and queries of ``send_digests`` for thousands of members.

    .venv/bin/python benchmarks/digests.py                      # 1,000 then 5,000 members
    .venv/bin/python benchmarks/digests.py --members 500 2000

In a throwaway data folder (removed afterwards): migrates a fresh SQLite
database and loads the demo (its topics, forum, learning packages, webinars,
projects and teams), then adds members (Participants, half of them reading
Dutch, half English), each following two of the forum's topics, and forty
new questions in those topics from the last day. For each size it empties
the digests and runs what ``send_digests`` runs (``digests.sending.run``)
with Django's in-memory email backend, counting every query the run makes.

It prints, per size: members, digests sent, seconds, members a second,
queries in all and queries per member. Queries per member should stay the
same from one size to the next (whatever the number of members, each costs
the same); the total time grows with the members, not faster. Nothing
asserts timings: the figures go in the README by hand.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = 40


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, nargs="+", default=[1_000, 5_000])
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    options = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="leerkring-digest-bench-"))
    os.environ.update(DJANGO_SETTINGS_MODULE="leerkring.settings.dev", DATA_DIR=str(data),
                      PYTHONWARNINGS="ignore", TASKS_BACKEND="immediate",
                      EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    for name in ("DATABASE_URL", "WHOOSH_DIR", "SEARCH_BACKEND", "CACHE_BACKEND"):
        os.environ.pop(name, None)
    try:
        print(f"Migrating a fresh database and loading the demo in {data} ...", flush=True)
        for command in (["migrate", "--no-input", "-v0"], ["load_demo"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=REPO, check=True,
                           stdout=subprocess.DEVNULL)
        run(sorted(options.members))
    finally:
        if not options.keep:
            shutil.rmtree(data, ignore_errors=True)


def run(sizes):
    sys.path[:0] = [str(REPO), str(REPO / "site")]
    import warnings

    warnings.simplefilter("ignore")
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth.models import Group
    from django.core import mail
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from accounts.roles import PARTICIPANTS
    from digests import sending
    from digests.models import Digest
    from forum.models import Follow, Question, Status
    from topics.models import Topic

    rng = random.Random(21)
    topics = list(Topic.objects.filter(locale__language_code="nl"))
    now = timezone.now()
    questions = [Question(topic=rng.choice(topics), language="nl", status=Status.PUBLISHED,
                          title=f"Wie heeft ervaring met circulaire opdracht {n}?",
                          body_markdown="Graag tips.", body_html="<p>Graag tips.</p>")
                 for n in range(QUESTIONS)]
    Question.objects.bulk_create(questions)
    Question.objects.filter(pk__in=[q.pk for q in questions]).update(
        created_at=now - timedelta(hours=12), last_activity_at=now - timedelta(hours=12))
    participants = Group.objects.get(name=PARTICIPANTS)

    def add_members(count, start):
        users = User.objects.bulk_create([
            User(email=f"bench{n}@example.org", first_name=f"Lid{n}", last_name="Bench",
                 preferred_language="nl" if n % 2 == 0 else "en", password="!")
            for n in range(start, start + count)], batch_size=1000)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=user.pk, group_id=participants.pk) for user in users],
            batch_size=1000)
        Follow.objects.bulk_create(
            [Follow(user=user, topic_key=topic.translation_key)
             for user in users for topic in rng.sample(topics, 2)], batch_size=1000)

    existing = User.objects.count()
    made = 0
    print(f"\n{'members':>8}{'sent':>8}{'seconds':>10}{'members/s':>11}{'queries':>10}"
          f"{'per member':>12}", flush=True)
    for size in sizes:
        add_members(size - made, made)
        made = size
        Digest.objects.all().delete()
        mail.outbox = []
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        members = User.objects.filter(is_active=True).count()
        start = time.perf_counter()
        with connection.execute_wrapper(count):
            outcome = sending.run(now)
        seconds = time.perf_counter() - start
        print(f"{members:>8}{outcome.sent:>8}{seconds:>10.1f}{members / seconds:>11.0f}"
              f"{queries:>10}{queries / members:>12.1f}", flush=True)
    print(f"\n(the demo's {existing} members are counted too; every member follows two "
          f"of {len(topics)} topics, {QUESTIONS} new questions)")


if __name__ == "__main__":
    main()
