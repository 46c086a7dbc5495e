"""Security probes: what is public, how to read an answer, members per role.

The public allow-list lives here, once. A new page or view that must be
reachable without logging in is added to ``PUBLIC_URL_NAMES``,
``PUBLIC_PREFIXES`` or ``public_page_paths``, with a reason; everything else
must send visitors to the login page or answer 403/404.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Views anyone may use, by URL name (in every language).
PUBLIC_URL_NAMES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # An invitee has no password yet: the set-password link must work logged out.
    "accept_invitation",
    "health",  # load balancers
    "health_ready",  # load balancers and monitoring (operations/readiness.py)
    "robots_txt",
    # The link in every email that stops that kind of email (RFC 8058): signed,
    # it works logged out; a bad one gets a 400 page (notices/unsubscribe.py).
    "unsubscribe",
}
# Paths outside the language prefix anyone may use.
PUBLIC_PREFIXES = ("/static/", "/admin/login/", "/admin/password_reset/")
# Where an anonymous visitor may be sent to log in.
ADMIN_LOGIN = "/admin/login/"


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def login_paths():
    return {url_in(language, "login") for language in LANGUAGES} | {ADMIN_LOGIN}


def public_page_paths():
    """Wagtail pages open to visitors: the landing page and the privacy statement."""
    from wagtail.models import Site

    from pages.models import InformationPage, LandingPage, SiteLinks

    pages = list(LandingPage.objects.live())
    links = SiteLinks.for_site(Site.objects.get(is_default_site=True))
    if links.privacy_page is not None:
        privacy = links.privacy_page
        pages += [p for p in InformationPage.objects.live() if p.translation_key
                  == privacy.translation_key]
    return {page.url for page in pages}


def is_public(path, public_pages):
    path = urlsplit(path).path
    if path.startswith(PUBLIC_PREFIXES) or path in public_pages:
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name in PUBLIC_URL_NAMES


def answer(client, path, method="get", max_hops=5):
    """How the site answers ``path``, following redirects that stay on the site.

    Returns ``(kind, final_path, status)``, where kind is "login" (sent to a
    login page), "status" (an answer other than a redirect) or "offsite".
    """
    logins = login_paths()
    for _hop in range(max_hops):
        response = getattr(client, method)(path)
        if response.status_code not in (301, 302, 303, 307, 308):
            return "status", path, response.status_code
        location = urlsplit(urljoin("http://testserver" + path, response["Location"]))
        if location.netloc not in ("testserver", ""):
            return "offsite", response["Location"], response.status_code
        if location.path in logins:
            return "login", location.path, response.status_code
        path = location.path + (f"?{location.query}" if location.query else "")
        method = "get"
    return "status", path, "too many redirects"


class LinkCollector(HTMLParser):
    """Every address an HTML page points at: href, src and form actions."""

    def __init__(self):
        super().__init__()
        self.links = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "srcset") and value:
                for candidate in value.split(",") if name == "srcset" else [value]:
                    self.links.add(candidate.strip().split(" ")[0])


def links_in(html, base_path):
    collector = LinkCollector()
    collector.feed(html)
    found = set()
    for link in collector.links:
        url = urlsplit(urljoin("http://testserver" + base_path, link))
        if url.scheme in ("http", "https") and url.netloc == "testserver":
            found.add(url.path + (f"?{url.query}" if url.query else ""))
    return found


def crawl(client, start_paths, follow=lambda path: True, limit=300, statuses=None):
    """Breadth-first over the pages ``client`` sees; every link found, and the pages read.

    ``statuses``, a dict, receives each path's final status code.
    """
    seen_pages, found, queue = set(), set(), list(start_paths)
    while queue and len(seen_pages) < limit:
        path = queue.pop(0)
        if path in seen_pages:
            continue
        seen_pages.add(path)
        response = client.get(path, follow=True)
        if statuses is not None:
            statuses[path] = response.status_code
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links_in(response.content.decode(), path):
            found.add(link)
            if link not in seen_pages and follow(link):
                queue.append(link)
    return found, seen_pages


@pytest.fixture
def anonymous():
    """A visitor who is not logged in; server errors come back as 500 answers."""
    return Client(raise_request_exception=False)


@pytest.fixture
def logged_in():
    """A test client logged in as ``user``."""

    def client_for(user, **kwargs):
        client = Client(**kwargs)
        client.force_login(user)
        return client

    return client_for


@pytest.fixture
def public_pages(demo):
    return public_page_paths()


@pytest.fixture
def member_of(request):
    """The member fixture of a role by name, e.g. ``member_of("translator")``."""
    return lambda role: request.getfixturevalue(role)


class Probe:
    """The helpers above, for test modules (which cannot import a conftest)."""

    languages = LANGUAGES
    url_in = staticmethod(url_in)
    login_paths = staticmethod(login_paths)
    is_public = staticmethod(is_public)
    answer = staticmethod(answer)
    links_in = staticmethod(links_in)
    crawl = staticmethod(crawl)


@pytest.fixture
def probe():
    return Probe


# --- Privacy to a group: shared by the tests of private files and listings ---


