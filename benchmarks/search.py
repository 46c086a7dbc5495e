"""Search benchmark: query latency over an index of at least 10,000 documents.

    .venv/bin/python benchmarks/search.py                  # 10,000 questions, 200 queries
    .venv/bin/python benchmarks/search.py --documents 20000 --queries 500

In a throwaway data folder (removed afterwards): migrates a fresh SQLite
database, creates topics and synthetic forum questions (published, half
Dutch and half English, ~80 words each from a Zipf-like vocabulary), builds
both Whoosh indexes through the queue's single writer (as ``rebuild_index``
would), then times three layers, each over the same random one- and
two-word queries:

- ``backend``: one haystack query on one language's index (10 hits);
- ``search()``: what the page asks: both indexes, merged, checked against
  the database for the reader, with highlighted snippets;
- ``page``: the whole request to /nl/zoeken/ for a logged-in member.

It prints the median and p95 in milliseconds. Nothing asserts timings: the
figures go in the report (and the README) by hand.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

DUTCH = ("circulair aankopen aankopers leverancier bestek gunning criteria meubels kantoor "
         "terugname hergebruik herstel onderhoud contract levensduur laptops textiel catering "
         "bouw marktdialoog ambitie impact materialen recyclage modulair ontwerp leasing "
         "stoelen bureaus verlichting schoonmaak voertuigen afval kringloop prijs kwaliteit "
         "garantie onderdelen refurbished gemeente provincie ziekenhuis school opdracht").split()
ENGLISH = ("circular procurement buyers supplier tender award criteria furniture office "
           "take-back reuse repair maintenance contract lifetime laptops textile catering "
           "construction market dialogue ambition impact materials recycling modular design "
           "leasing chairs desks lighting cleaning vehicles waste loop price quality warranty "
           "parts refurbished city province hospital school contract").split()


def words(rng, vocabulary, count):
    # Zipf-like: early words are common, late ones rare.
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    return " ".join(rng.choices(vocabulary, weights=weights, k=count))


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(function, queries):
    times = []
    for query in queries:
        start = time.perf_counter()
        function(query)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    options = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="leerkring-search-bench-"))
    os.environ.update(DJANGO_SETTINGS_MODULE="leerkring.settings.dev", DATA_DIR=str(data),
                      SEARCH_QUEUE_INLINE="false", PYTHONWARNINGS="ignore",
                      ALLOWED_HOSTS="testserver,127.0.0.1")
    for name in ("DATABASE_URL", "WHOOSH_DIR", "SEARCH_BACKEND"):
        os.environ.pop(name, None)
    try:
        print(f"Migrating a fresh database in {data} ...", flush=True)
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
                       cwd=REPO, check=True)
        run(options)
    finally:
        if not options.keep:
            shutil.rmtree(data, ignore_errors=True)


def run(options):
    sys.path[:0] = [str(REPO), str(REPO / "site")]
    import warnings

    warnings.simplefilter("ignore")
    import django

    django.setup()
    from django.test import Client
    from haystack.inputs import AutoQuery
    from haystack.query import SearchQuerySet
    from wagtail.models import Locale

    from accounts.models import User
    from forum.models import Question, Status
    from sitesearch import queue
    from sitesearch.models import IndexUpdate
    from sitesearch.search import search
    from topics.models import Topic

    rng = random.Random(8)
    locales = {code: Locale.objects.get(language_code=code) for code in ("nl", "en")}
    topics = [Topic.objects.create(name=f"Onderwerp {n}", slug=f"onderwerp-{n}", kind="theme",
                                   locale=locales["nl"]) for n in range(10)]
    member = User.objects.create_user(email="bench@example.org", password="bench-password-1",
                                      first_name="Bench")
    print(f"Creating {options.documents} questions ...", flush=True)
    questions = []
    for n in range(options.documents):
        language = "nl" if n % 2 == 0 else "en"
        vocabulary = DUTCH if language == "nl" else ENGLISH
        body = words(rng, vocabulary, 80)
        questions.append(Question(topic=rng.choice(topics), language=language,
                                  title=words(rng, vocabulary, 7).capitalize() + "?",
                                  body_markdown=body, body_html=f"<p>{body}</p>",
                                  status=Status.PUBLISHED))
    Question.objects.bulk_create(questions, batch_size=1000)
    IndexUpdate.objects.all().delete()

    start = time.perf_counter()
    queue.rebuild()
    build = time.perf_counter() - start
    sizes = {alias: len(queue.get_backend(alias).document_ids()) for alias in ("default", "en")}
    print(f"Indexed {sum(sizes.values())} documents ({sizes}) in {build:.1f} s", flush=True)

    queries = []
    for _ in range(options.queries):
        vocabulary = rng.choice([DUTCH, ENGLISH])
        queries.append(" ".join(rng.sample(vocabulary, rng.choice([1, 2]))))

    def backend(query):
        list(SearchQuerySet().using("default").filter(content=AutoQuery(query))[:10])

    def full(query):
        search(member, query, reader_language="nl")

    client = Client()
    client.force_login(member)

    def page(query):
        response = client.get("/nl/zoeken/", {"q": query})
        assert response.status_code == 200

    for function in (backend, full, page):  # warm up: open the indexes, fill caches
        function("aankopen")
    print(f"\n{options.queries} queries (one or two words) over {sum(sizes.values())} "
          "documents, milliseconds:")
    print(f"{'layer':<12}{'median':>10}{'p95':>10}")
    for name, function in (("backend", backend), ("search()", full), ("page", page)):
        median, p95 = timed(function, queries)
        print(f"{name:<12}{median:>10.1f}{p95:>10.1f}", flush=True)


if __name__ == "__main__":
    main()
