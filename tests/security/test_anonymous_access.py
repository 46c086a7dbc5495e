"""Visitors who are not logged in reach only the public allow-list (see conftest)."""

import itertools
import re

import pytest
from django.contrib.admindocs.views import simplify_regex
from django.core.files.base import ContentFile
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation
from wagtail.documents.models import Document

# Plausible values for path converters and unnamed regex groups, tried in order.
CONVERTER_VALUES = {
    "int": ["1", "2"],
    "slug": ["pages", "test"],
    "str": ["1", "test"],
    "path": ["test/1", "1"],
    "uuid": ["0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"],
    "uidb64": ["MQ"],
    "token": ["set-password", "cz3u4v-0123456789abcdef0123456789abcdef"],
}
FALLBACK_VALUES = ["1", "test", "test/1", "test/", "MQ", "a-b"]
PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>")

# Addresses nobody links to but an attacker would try.
GUESSES = [
    "/", "/sitemap.xml", "/feed/", "/rss/", "/api/", "/api/v2/pages/", "/search/",
    "/nl/zoeken/", "/en/search/", "/nl/search/", "/media/", "/media/original_images/1.jpg",
    "/media/documents/slides.pdf", "/documents/", "/documents/1/", "/documents/1/slides.pdf",
    "/images/", "/admin/api/main/pages/", "/admin/pages/search/", "/admin/users/",
    "/admin/groups/", "/admin/settings/", "/admin/reports/", "/admin/localize/",
    "/.env", "/.git/config", "/wp-admin/", "/nl/admin/", "/static/../manage.py",
    "/static/..%2f..%2fmanage.py", "/nl/account/../admin/", "/nl//admin/",
    "/nl/welkom/../", "/en/welcome/?format=json", "/nl/?preview=1", "/nl/__debug__/",
    "/nl/projecten/", "/en/projects/project/1/", "/nl/projecten/coordination/export/",
    "/nl/projecten/project/1/document/1/", "/media/catalogue/2019/01/bestek.pdf",
    "/nl/account/mijn-gegevens/downloaden/", "/en/account/my-data/download/",
]


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + _part(pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + _part(pattern), pattern


def _part(pattern):
    """One level of a route; regex levels lose their anchors when joined."""
    return str(pattern.pattern).removeprefix("^")


def _fill(route):
    """A path that ``route`` matches, with plausible values in its placeholders."""
    template = simplify_regex(route)
    slots = PLACEHOLDER.findall(template)
    texts = PLACEHOLDER.split(template)[:: 3]  # split() also returns the two groups
    choices = [CONVERTER_VALUES.get(conv or name, FALLBACK_VALUES) for conv, name in slots]
    for values in itertools.islice(itertools.product(*choices), 50):
        path = texts[0] + "".join(v + t for v, t in zip(values, texts[1:], strict=True))
        try:
            resolve(path)
        except Resolver404:
            continue
        return path
    return None


def url_pattern_paths():
    """Every URL pattern, filled in, under both language prefixes; and those that failed."""
    paths, unfilled = set(), []
    for language in ("nl", "en"):
        with translation.override(language):
            for route, _pattern in _walk(get_resolver().url_patterns):
                path = _fill(route)
                if path is None:
                    unfilled.append(route)
                else:
                    paths.add(path)
    return paths, unfilled


@pytest.fixture
def document(demo):
    """A real document, so that its real address is probed too."""
    doc = Document(title="Slides")
    doc.file.save("slides.pdf", ContentFile(b"%PDF-1.4 members only"), save=False)
    doc.save()
    return doc


# The readiness check's 503 is its verdict on this test database (no search index
# built, the demo's index updates still queued), not a failure to answer.
NOT_READY = ("/health/ready/", 503)


def _problems(client, paths, public_pages, probe):
    problems = []
    for path in sorted(paths):
        public = probe.is_public(path, public_pages)
        for method in ("get", "post"):
            kind, final, status = probe.answer(client, path, method)
            if kind == "offsite":
                problems.append(f"{method.upper()} {path}: redirects off the site to {final}")
            elif (final, status) == NOT_READY:
                continue
            elif kind == "status" and (not isinstance(status, int) or status >= 500):
                problems.append(f"{method.upper()} {path}: {status}")
            elif kind == "status" and not public and status not in (403, 404):
                if not probe.is_public(final, public_pages):
                    problems.append(f"{method.upper()} {path}: {status} at {final}")
    return problems


def test_every_url_pattern_is_behind_the_login(anonymous, public_pages, document, probe):
    paths, unfilled = url_pattern_paths()
    assert not unfilled, f"no plausible path for: {unfilled}"
    assert len(paths) > 250  # the admin's and ours, in both languages
    problems = _problems(anonymous, paths, public_pages, probe)
    assert not problems, "\n".join(problems)


def test_every_link_on_the_demo_site_is_behind_the_login(
    anonymous, logged_in, coordinator, public_pages, document, probe
):
    """What a coordinator's browser finds on the site and the admin's front page."""
    member = logged_in(coordinator)
    site_pages = ["/nl/", "/en/", *public_pages, document.url]
    on_site, _read = probe.crawl(member, site_pages, follow=lambda p: not p.startswith(
        ("/admin/", "/static/", "/documents/")) and "uitloggen" not in p and "logout" not in p)
    in_admin, _read = probe.crawl(member, ["/admin/"], follow=lambda p: False)
    assert "/admin/documents/" in in_admin and "/nl/account/" in on_site
    links = on_site | in_admin | set(GUESSES) | {document.url}
    problems = _problems(anonymous, links, public_pages, probe)
    assert not problems, "\n".join(problems)


def test_the_public_allow_list_is_public(anonymous, public_pages, probe):
    """The other side: what must stay reachable without logging in really is."""
    paths = set(public_pages) | {"/health/", "/robots.txt", "/admin/login/",
                                 "/admin/password_reset/"}
    for language in probe.languages:
        paths |= {probe.url_in(language, name) for name in ("login", "password_reset")}
    for path in sorted(paths):
        assert anonymous.get(path).status_code == 200, path


def test_a_document_needs_a_login(anonymous, document, probe):
    kind, _final, _status = probe.answer(anonymous, document.url)
    assert kind == "login"
    assert b"members only" not in anonymous.get(document.url, follow=True).content
