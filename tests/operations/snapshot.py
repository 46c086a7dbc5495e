"""Run by test_backup.py in a process of its own: what the site holds and shows, as JSON.

``python tests/operations/snapshot.py`` prints the row count of every table,
then, as a logged-in coordinator: the status, title and heading of every
live page in both languages, the results of searches in both indexes, and
a digest of every document and original image (the uploaded files).
Counts come first: the requests afterwards add rows of their own.
"""

import hashlib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings.dev")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Page  # noqa: E402

from accounts.models import User  # noqa: E402
from library.models import LibraryDocument  # noqa: E402

SEARCHES = ["/nl/zoeken/?q=circulair", "/nl/zoeken/?q=aankopers", "/en/search/?q=circular",
            "/en/search/?q=furniture"]


def _text(pattern, html):
    found = re.search(pattern, html, re.S)
    return re.sub(r"\s+", " ", found.group(1)).strip() if found else None


def _body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def snapshot():
    counts = {model._meta.label: model._default_manager.count() for model in apps.get_models()
              if model._meta.managed and not model._meta.proxy}
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email="coordinator@example.org"))
    pages = {}
    for page in Page.objects.live().specific().order_by("path"):
        url = page.get_url()
        if not url:
            continue
        response = client.get(url)
        html = response.content.decode()
        pages[url] = [response.status_code, _text(r"<title>(.*?)</title>", html),
                      _text(r"<h1[^>]*>(.*?)</h1>", html)]
    searches = {}
    for url in SEARCHES:
        html = client.get(url).content.decode()
        # The first page's results in any order: equal scores may be ordered
        # otherwise in an index built in one go than in one built change by change.
        found = re.findall(r'class="search-result__title"[^>]*><a href="([^"]+)"', html)
        searches[url] = [_text(r'id="search-results-heading"[^>]*>(.*?)</h2>', html),
                         sorted(found)]
    files = {}
    uploads = [*LibraryDocument.objects.order_by("pk"), *get_image_model().objects.order_by("pk")]
    for item in uploads:
        response = client.get(item.url if isinstance(item, LibraryDocument) else item.file.url)
        files[item.file.name] = [response.status_code, hashlib.sha256(_body(response)).hexdigest()]
    return {"counts": counts, "pages": pages, "searches": searches, "files": files}


if __name__ == "__main__":
    print(json.dumps(snapshot(), sort_keys=True))
