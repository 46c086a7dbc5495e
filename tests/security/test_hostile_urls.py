"""Hostile values in every URL and query string: a clear 4xx or a page, never a 500.

The walk is generic: every pattern of the project's resolver (the site, the
Wagtail admin, documents, the API under the admin) and every route of every
routable page in the tree is requested with an overlong number, a negative
number, zero and garbage in each of its parameters, as a member and as
staff. A new URL pattern is covered without touching this file.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

# One value per class of trouble; the overlong number is past 64 bits (SQLite's
# and PostgreSQL's bigint), the long one past any date or page arithmetic.
HOSTILE_PARTS = {
    "overlong-number": "1234567890123456789012345",
    "64-bit-edge": "9223372036854775808",
    "negative": "-1",
    "zero": "0",
    "garbage": "x%C3%A9%25%00~",
}
_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _route_paths(route, value):
    """``route`` with ``value`` in each parameter in turn (the others plain), and in all."""
    parameters = _PARAMETER.findall(route)
    if not parameters:
        return []
    plain = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000000"}
    paths = {_PARAMETER.sub(value, route)}
    for hostile in range(len(parameters)):
        values = [value if index == hostile else plain.get(converter, "x")
                  for index, (converter, _name) in enumerate(parameters)]
        pieces = iter(values)
        paths.add(_PARAMETER.sub(lambda _match, pieces=pieces: next(pieces), route))
    return sorted(paths)


def _regex_path(regex, value):
    """A path for a regular-expression pattern: each group replaced by ``value``."""
    out, depth, index = [], 0, 0
    while index < len(regex):
        char = regex[index]
        if char == "\\" and index + 1 < len(regex):
            if depth == 0:
                out.append(regex[index + 1])
            index += 2
            continue
        if char == "(":
            if depth == 0:
                out.append(value)
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and char not in "^$":
            out.append(char)
        index += 1
    return "".join(out).replace(".*", "x").replace(".+", "x")


def _patterns(resolver, prefix=""):
    """The full route of every endpoint below ``resolver``."""
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)  # a route, a regex or the language prefix
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, text)
        elif isinstance(entry, URLPattern):
            yield text


def _paths_for(route, value):
    if "(" in route or "^" in route:
        # A regex, or regex pieces (DRF routers) beside converter ones: converters first.
        route = _PARAMETER.sub(value, route)
        return [_regex_path(route, value)]
    return _route_paths(route, value)


def site_paths(value):
    """Every path of the project's resolver (both languages) with ``value`` in its parameters."""
    paths = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for route in _patterns(get_resolver()):
                paths.update("/" + p.lstrip("/") for p in _paths_for(route, value))
    return paths


def routable_page_paths(value):
    """Every route of every routable page in the tree, each language's page once."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    paths = set()
    for model in get_page_models():
        if not issubclass(model, RoutablePageMixin):
            continue
        for page in _one_per_locale(model):
            base = page.url
            for route in _patterns(model.get_resolver()):
                for path in _paths_for(route, value):
                    paths.add(base.rstrip("/") + "/" + path.lstrip("/"))
    return paths


def _one_per_locale(model):
    seen, pages = set(), []
    for page in model.objects.live().order_by("pk"):
        if page.locale_id not in seen:
            seen.add(page.locale_id)
            pages.append(page)
    return pages


@pytest.fixture
def staff(make_member):
    from accounts.models import User

    return User.objects.create_superuser(email="staff.hostile@example.org",
                                         password="a-long-test-password")


# What a query-string value may be: past 64 bits, negative, zero, text, and
# dates past either end of the calendar or of date arithmetic.
HOSTILE_QUERY = {**HOSTILE_PARTS, "garbage": "x\u00e9%\x00~", "year-9999": "9999-12-31",
                 "year-1": "0001-01-01", "year-0": "0000-00-00"}
HOSTILE_DATES = ["9999-12-31", "9999-12-25", "0001-01-01", "0001-01-07", "0000-00-00",
                 "2020-13-45"]


class Queries(HTMLParser):
    """The query parameters a page offers: in its links, and in its GET forms with their
    fields (for a form: its default values, each select's choices, its date inputs)."""

    def __init__(self, base):
        super().__init__()
        self.base, self.pages, self.links, self.forms, self.form = base, set(), set(), [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            url = urlsplit(urljoin("http://testserver" + self.base, attrs["href"]))
            if url.netloc == "testserver":
                self.pages.add(url.path)
                if url.query:
                    self.links.add((url.path, tuple(parse_qsl(url.query,
                                                              keep_blank_values=True))))
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            action = urlsplit(urljoin("http://testserver" + self.base, attrs.get("action") or ""))
            if action.netloc == "testserver":
                self.form = {"path": action.path, "values": {}, "choices": {}, "dates": set()}
                self.forms.append(self.form)
        elif self.form is not None and tag in ("input", "select", "textarea") and attrs.get(
                "name"):
            self.form["values"].setdefault(attrs["name"], attrs.get("value") or "")
            if tag == "select":
                self.select = attrs["name"]
                self.form["choices"][self.select] = []
            if attrs.get("type") == "date":
                self.form["dates"].add(attrs["name"])
        elif self.form is not None and tag == "option" and getattr(self, "select", None):
            self.form["choices"][self.select].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


_NOT_CRAWLED = ("/static/", "/media/", "/documents/")  # files, not pages


def _offered_queries(client, starts, limit):
    """What a crawl of ``client``'s pages offers: [(path, {name: value}, names, values to try)].

    For a form with date inputs, each choice of each of its selects is tried with
    every hostile date in all its date inputs at once (a custom period needs both).
    """
    seen, queue, queries = set(), list(starts), []
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Queries(path)
        parser.feed(response.content.decode())
        queue.extend(sorted(p for p in parser.pages - seen if not p.startswith(_NOT_CRAWLED)
                            and "logout" not in p))
        for link_path, pairs in parser.links:
            queries.append((link_path, dict(pairs), [[name] for name, _value in pairs]))
        for form in parser.forms:
            queries.append((form["path"], form["values"], [[name] for name in form["values"]]))
            dates = sorted(form["dates"])
            for name, choices in form["choices"].items() if dates else ():
                for choice in choices:
                    queries.append((form["path"], {**form["values"], name: choice}, [dates]))
    return queries


def _client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("kind", HOSTILE_PARTS)
def test_every_url_parameter_answers_without_a_server_error(demo, participant, staff, kind):
    """Each URL pattern with a hostile value in its parameters: never a 500."""
    value = HOSTILE_PARTS[kind]
    paths = sorted(site_paths(value) | routable_page_paths(value))
    assert len(paths) > 150  # the walk found the admin's patterns as well as ours
    failures = []
    for user in (participant, staff):
        client = _client(user)
        for path in paths:
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                if response.status_code >= 500:
                    failures.append((user.email, method, path, response.status_code))
    assert not failures, "\n".join(map(str, failures))


def test_every_model_has_an_integer_key():
    """Wagtail's ``<str:pk>`` views are given the id rule (leerkring/converters.py): true here."""
    from django.apps import apps
    from django.db import models

    # No such views: sessions, translation keys, background tasks (no admin of their own).
    text_keys = {"sessions.Session", "wagtail_localize.TranslatableObject",
                 "django_tasks_database.DBTaskResult"}
    for model in apps.get_models():
        key = model._meta.pk
        key = key.target_field if key.is_relation else key
        if model._meta.label not in text_keys:
            assert isinstance(key, models.IntegerField), model._meta.label


@pytest.mark.parametrize("path", [
    "/admin/webinars/1234567890123456789012345/registrations/",
    "/admin/pages/1234567890123456789012345/",
    "/admin/pages/1/revisions/0/revert/",
    "/admin/images/chooser/chosen/abc/",
    "/admin/snippets/choose/topics/topic/chosen/1x/",
])
def test_an_impossible_id_is_not_found(demo, staff, path):
    """An id past 64 bits, 0, or text where an id belongs: the site's 404 page.

    The path matches no pattern, so the language prefix is tried first (a redirect).
    """
    response = _client(staff).get(path, follow=True)
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["participant", "staff"])
def test_every_query_parameter_answers_without_a_server_error(demo, request, role):
    """Each query parameter a crawl finds (links, GET forms) with hostile values: never a 500."""
    client = _client(request.getfixturevalue(role))
    starts = ["/nl/", "/en/"] if role == "participant" else ["/admin/", "/admin/reports/topics/"]
    queries = _offered_queries(client, starts, limit=120)
    assert len(queries) > 20
    failures, tried = [], set()
    for path, values, groups in queries:
        for names in groups:
            is_date = len(names) > 1 or "date" in names[0] or names[0] in ("start", "end")
            for value in HOSTILE_DATES if is_date else HOSTILE_QUERY.values():
                query = urlencode({**values, **dict.fromkeys(names, value)})
                if (path, query) not in tried:
                    tried.add((path, query))
                    response = client.get(f"{path}?{query}")
                    if response.status_code >= 500:
                        failures.append((path, query, response.status_code))
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("language,title", [
    ("nl", "Deze aanvraag kon niet gelezen worden"), ("en", "This request could not be read")])
def test_a_request_the_site_cannot_read_gets_a_400_page_in_its_language(
        participant, language, title):
    """Too many fields (Django's limit against hash flooding): a page that says so, no trace."""
    from django.urls import reverse

    client = _client(participant)
    query = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    with translation.override(language):
        search = reverse("search")
    response = client.get(f"{search}?{query}")
    html = response.content.decode()
    assert response.status_code == 400
    assert title in html and f'lang="{language}"' in html
    assert "TooManyFields" not in html and "DATA_UPLOAD" not in html
    assert participant.email not in html and participant.first_name not in html


@pytest.mark.parametrize("language,title", [("nl", "Pagina niet gevonden"),
                                            ("en", "Page not found")])
def test_an_impossible_id_gets_the_404_page_in_its_language(demo, participant, language,
                                                            title):
    from forum.models import ForumIndexPage

    forum = ForumIndexPage.objects.get(locale__language_code=language)
    path = forum.url + "question/1234567890123456789012345/"
    response = _client(participant).get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert title in html and f'lang="{language}"' in html
    assert "matches the given query" not in html and "Traceback" not in html


@pytest.mark.parametrize("where", ["path", "query", "query-name"])
def test_a_nul_character_in_the_address_gets_a_400_page(demo, participant, staff, where):
    """PostgreSQL refuses NUL in any text (a 500 in Wagtail's workflow chooser); SQLite
    stored it. Either way no page means it: 400 in the member's language, for
    every address (leerkring/request_checks.py)."""
    forum = "/nl/forum/"
    address = {"path": "/admin/snippets/choose/topics/topic/chosen/1%00/",
               "query": f"{forum}?q=a%00b", "query-name": f"{forum}?a%00=b"}[where]
    client = _client(staff if where == "path" else participant)
    response = client.get(address)
    assert response.status_code == 400
    assert "Deze aanvraag kon niet gelezen worden" in response.content.decode()
