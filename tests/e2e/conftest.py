"""Browser fixtures: Debian's headless Chromium, driven by Playwright, against live_server.

What later features add here:

- a page to check (axe-core, HTML validation): one ``SitePage`` in ``SITE_PAGES``;
- a browser journey: a test in this folder using the ``page``, ``log_in_as``
  and ``site`` fixtures below.

The checkers come from the npm registry (``tests/e2e/package.json``) and the
browser from Debian; ``make tools`` installs both. ``playwright install`` is
never used: Playwright drives the system Chromium.
"""

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models.signals import post_save
from django.test import Client, testcases
from django.urls import reverse
from django.utils import translation
from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

# Django's live server answers MEDIA_URL itself, straight from MEDIA_ROOT, which
# would hide what the site does with /media/ (members only, never documents).
# The browser tests talk to the site's own views instead.
testcases._MediaFilesHandler = lambda application: application

# Between browser tests the database is emptied and restored from a serialized
# copy. wagtail-localize re-synchronises the page trees whenever a locale
# synchronisation row is saved, even while that copy is being loaded (before
# the locales it points at exist); the restore must not run it.
post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_JS = E2E_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = E2E_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_FAILING_IMPACTS = {"serious", "critical"}
LANGUAGES = [code for code, _name in settings.LANGUAGES]
MISSING_TOOLS_HELP = "Run `make tools` (as root it installs them; otherwise it says how)."


def url_in(language, name, **kwargs):
    """``reverse`` in ``language``: view paths are translated (/nl/inloggen/, /en/login/)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _page_url(model_name, **filters):
    def path(language):
        from pages import models

        model = getattr(models, model_name)
        return model.objects.get(locale__language_code=language, **filters).url

    return path


@dataclass(frozen=True)
class SitePage:
    """A page every browser check visits, in every language.

    ``path`` takes a language code and returns the path; it runs inside the
    test, with the demo loaded. ``member`` pages are visited logged in as a
    participant; ``status`` is the answer expected.
    """

    name: str
    path: Callable[[str], str]
    member: bool = False
    status: int = 200


def _model_url(model, query="", **filters):
    """The URL of the first live ``app_label.Model`` page matching ``filters`` in a language."""

    def path(language):
        from django.apps import apps

        pages = apps.get_model(model).objects.live().filter(locale__language_code=language)
        return pages.filter(**filters).order_by("path").first().url + query

    return path


def _first_lesson_with(block_type):
    def path(language):
        from learning.models import LessonPage

        lessons = LessonPage.objects.live().filter(locale__language_code=language)
        return next(lesson.url for lesson in lessons.order_by("path")
                    if any(b.block_type == block_type for b in lesson.body))

    return path


def _webinar(over):
    def path(language):
        from django.utils import timezone

        from webinars.models import WebinarPage

        webinars = WebinarPage.objects.live().filter(locale__language_code=language)
        if over:
            return webinars.filter(ends_at__lt=timezone.now()).order_by("-starts_at").first().url
        return webinars.filter(ends_at__gte=timezone.now()).order_by("starts_at").first().url

    return path


def _forum_route(name):
    """A route of the forum page; "question" is the demo's question with answers."""

    def path(language):
        from forum.models import ForumIndexPage, Question

        forum = ForumIndexPage.objects.get(locale__language_code=language)
        kwargs = None
        if name == "question":
            kwargs = {"pk": Question.objects.filter(status="published", answer_count__gt=1)
                      .order_by("pk").first().pk}
        return forum.url + forum.reverse_subpage(name, kwargs=kwargs)

    return path


def _search(queries):
    """The search page for ``queries[language]``, with the index built from the demo."""

    def path(language):
        from django.utils.http import urlencode

        from sitesearch.queue import rebuild

        rebuild()
        return url_in(language, "search") + "?" + urlencode({"q": queries[language]})

    return path


def _catalogue_route(name, query=""):
    """A route of the catalogue page; "project" is a demo project shown to everyone,
    with strategies and without consented contact details (the relay form shows)."""

    def path(language):
        from catalogue import consent
        from catalogue.models import CatalogueIndexPage

        catalogue = CatalogueIndexPage.objects.get(locale__language_code=language)
        kwargs = None
        if name in ("project", "contact"):
            project = consent.listed_projects().filter(contact_consented=None) \
                .exclude(strategy_codes="").order_by("pk").first()
            kwargs = {"pk": project.pk}
        return catalogue.url + catalogue.reverse_subpage(name, kwargs=kwargs) + query

    return path


def _directory_route(name, query=""):
    """A route of the member directory; "profile" and "contact" are a demo member's who
    shows their profile (not the participant who looks)."""

    def path(language):
        from members import consent
        from members.models import MemberDirectoryPage

        directory = MemberDirectoryPage.objects.get(locale__language_code=language)
        kwargs = None
        if name in ("profile", "contact"):
            profile = consent.listed_profiles().exclude(user__email="participant@example.org") \
                .exclude(bio_html="").order_by("pk").first()
            kwargs = {"slug": profile.slug}
        return directory.url + directory.reverse_subpage(name, kwargs=kwargs) + query

    return path


def _notifications(language):
    """The notifications page, with more notifications than it shows for the member made
    last (the one who looks): it marks a page read, and the bell on the pages after it
    still counts the rest."""
    from django.contrib.auth import get_user_model

    from notices import reading
    from notices.models import Notification

    member = get_user_model().objects.latest("date_joined", "pk")
    Notification.objects.bulk_create([Notification(
        recipient=member, kind="forum.answered", language=language,
        text=(f"Nieuw antwoord op je vraag: een lange titel {'x' * 60} {n}" if language == "nl"
              else f"New answer to your question: a long title {'x' * 60} {n}"),
        url=f"/{language}/") for n in range(reading.PER_PAGE + 5)])
    return url_in(language, "notices:index")


def _unsubscribe(language):
    """The page of an email's unsubscribe link, for the demo participant (no login)."""
    from django.contrib.auth import get_user_model

    from notices import unsubscribe

    member = get_user_model().objects.get(email="participant@example.org")
    return unsubscribe.url(member, "forum.answered", language).removeprefix(settings.BASE_URL)


# The one list of pages to check. Add the pages of new features here.
SITE_PAGES = [
    SitePage("landing", _page_url("LandingPage")),
    SitePage("privacy", _page_url("InformationPage", public=True)),
    SitePage("login", lambda lang: url_in(lang, "login")),
    SitePage("password-reset", lambda lang: url_in(lang, "password_reset")),
    SitePage("home", lambda lang: f"/{lang}/", member=True),
    SitePage("profile", lambda lang: url_in(lang, "profile"), member=True),
    SitePage("notifications", _notifications, member=True),
    SitePage("email-settings", lambda lang: url_in(lang, "notices:settings"), member=True),
    SitePage("unsubscribe", _unsubscribe),
    SitePage("password-change", lambda lang: url_in(lang, "password_change"), member=True),
    SitePage("not-found", lambda lang: f"/{lang}/no-such-page-here/", member=True, status=404),
    SitePage("learning", _model_url("learning.LearningIndexPage"), member=True),
    SitePage("package", _model_url("learning.LearningPackagePage"), member=True),
    SitePage("lesson-self-check", _first_lesson_with("self_check"), member=True),
    SitePage("lesson-video", _first_lesson_with("video"), member=True),
    SitePage("my-learning", lambda lang: url_in(lang, "learning:my_learning"), member=True),
    SitePage("library", _model_url("library.LibraryPage"), member=True),
    SitePage("library-filtered", _model_url("library.LibraryPage", "?language=xx&type=pptx"),
             member=True),
    SitePage("webinars", _model_url("webinars.WebinarIndexPage"), member=True),
    SitePage("webinar-upcoming", _webinar(over=False), member=True),
    SitePage("webinar-recording", _webinar(over=True), member=True),
    SitePage("forum", _model_url("forum.ForumIndexPage"), member=True),
    SitePage("forum-filtered", _model_url("forum.ForumIndexPage", "?show=answered&language=nl"),
             member=True),
    SitePage("forum-question", _forum_route("question"), member=True),
    SitePage("forum-ask", _forum_route("ask"), member=True),
    SitePage("forum-preferences", _forum_route("preferences"), member=True),
    SitePage("search", _search({"nl": "aankoper", "en": "furniture"}), member=True),
    SitePage("search-nothing-found", _search({"nl": "refurbishd", "en": "furnitur"}),
             member=True),
    SitePage("catalogue", _catalogue_route("index"), member=True),
    SitePage("catalogue-filtered", _catalogue_route("index", "?strategy=A2&phase=contract"),
             member=True),
    SitePage("catalogue-project", _catalogue_route("project"), member=True),
    SitePage("catalogue-new", _catalogue_route("new"), member=True),
    SitePage("catalogue-mine", _catalogue_route("mine"), member=True),
    SitePage("catalogue-contact", _catalogue_route("contact"), member=True),
    SitePage("my-data", lambda lang: url_in(lang, "my_data"), member=True),
    SitePage("directory", _directory_route("index"), member=True),
    SitePage("directory-filtered", _directory_route("index", "?language=en&topic=ict"),
             member=True),
    SitePage("directory-nothing-found", _directory_route("index", "?q=zzz"), member=True),
    SitePage("directory-profile", _directory_route("profile"), member=True),
    SitePage("directory-contact", _directory_route("contact"), member=True),
    SitePage("my-profile", _directory_route("edit_profile"), member=True),
    SitePage("teams", _model_url("members.TeamIndexPage"), member=True),
    # The participant's own team: its inside, with meetings, minutes and questions.
    SitePage("team", _model_url("members.TeamIndexPage", "ict/"), member=True),
    # What is new for the participant (the home page's card shows part of it).
    SitePage("new-for-you", lambda lang: url_in(lang, "new_for_you"), member=True),
    SitePage("new-for-you-month", lambda lang: url_in(lang, "new_for_you") + "?period=month",
             member=True),
]


def pytest_itemcollected(item):
    """Every browser test runs on the live server's transactional database."""
    item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


# --- Browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module. Fails (never skips) without one.

    Playwright's sync API runs an event loop in the test thread, and Django
    refuses database calls from a thread with a running loop unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set; here that is safe (the loop only waits
    for the browser). It is set only while a module's browser runs: other
    tests start subprocesses, and `check --deploy` rightly refuses the
    variable.
    """
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}. {MISSING_TOOLS_HELP}",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()


@pytest.fixture(scope="session", autouse=True)
def migrated_state(django_db_setup, django_db_blocker):
    """The database as the migrations left it (roles, locales, the two home pages).

    Taken before the browser starts (autouse), for ``site`` below.
    """
    from django.db import connections

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        with django_db_blocker.unblock():
            contents = connection.creation.serialize_db_to_string()
    return contents


def _keep_serialized_copy(contents):
    from django.db import connections

    connection = connections["default"]
    if getattr(connection, "_test_serialized_contents", None) is None:
        connection._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def serialized_copy_on_the_connection(migrated_state):
    """Keep the migrated state where pytest-django's rollback looks for it.

    ``live_server`` needs a transactional database, emptied after each test
    and restored from a serialized copy kept on the connection object. Once
    Playwright runs, the test thread can get a new connection object without
    that copy: the flush then re-creates content types and the restore is
    skipped. The copy is put back on the current connection before the flush.
    """
    _keep_serialized_copy(migrated_state)
    yield
    _keep_serialized_copy(migrated_state)


@pytest.fixture
def site(migrated_state, live_server):
    """The live site with the migrated state (see above) and the demo loaded."""
    from django.db import connections
    from wagtail.models import Locale

    if not Locale.objects.exists():
        connections["default"].creation.deserialize_db_from_string(migrated_state)
    call_command("load_demo", stdout=StringIO())
    return live_server


@pytest.fixture
def context(browser, site):
    """A fresh browser profile (no cookies) on the live site, under the site's real CSP."""
    browser_context = browser.new_context(base_url=site.url)
    yield browser_context
    browser_context.close()


@pytest.fixture
def page(context):
    browser_page = context.new_page()
    browser_page.set_default_timeout(10_000)
    return browser_page


@pytest.fixture
def checker_context(browser, site):
    """Like ``context``, but the page's CSP is ignored so that checkers can be injected.

    The site's CSP rightly forbids inline scripts, and ``add_script_tag``
    injects axe-core as one. Journeys use ``page``, which keeps the CSP.
    """
    browser_context = browser.new_context(base_url=site.url, bypass_csp=True)
    yield browser_context
    browser_context.close()


@pytest.fixture
def checker_page(checker_context):
    browser_page = checker_context.new_page()
    browser_page.set_default_timeout(10_000)
    return browser_page


def log_in_session(browser_context, site, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    browser_context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": site.url, "httpOnly": True}]
    )
    return user


@pytest.fixture
def log_in_as(context, site):
    """Log a member in without the form: a session from Django's test client."""
    return lambda user: log_in_session(context, site, user)


@pytest.fixture
def checker_log_in_as(checker_context, site):
    """``log_in_as`` for ``checker_page``."""
    return lambda user: log_in_session(checker_context, site, user)


# --- Outside checkers ----------------------------------------------------------


def _require(path, what):
    if not path.exists():
        pytest.fail(f"{what} is missing ({path}). {MISSING_TOOLS_HELP}", pytrace=False)


def axe_violations(browser_page):
    """Serious or critical WCAG 2.1 A/AA violations axe-core finds on a page (needs no CSP)."""
    _require(AXE_JS, "axe-core")
    browser_page.add_script_tag(path=str(AXE_JS))
    results = browser_page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [v for v in results["violations"] if v["impact"] in AXE_FAILING_IMPACTS]


@pytest.fixture(scope="session")
def check_accessibility():
    """Fail when axe-core finds serious or critical WCAG 2.1 A/AA violations on a page.

    Use it on ``checker_page``: axe-core is injected as a script tag.
    """

    def check(browser_page):
        violations = axe_violations(browser_page)
        if violations:
            pytest.fail(
                f"axe-core on {browser_page.url}:\n" + describe_axe(violations), pytrace=False
            )

    return check


def describe_axe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {', '.join(str(t) for t in node['target'])}")
            if node.get("failureSummary"):
                lines.append("    " + node["failureSummary"].replace("\n", "\n    "))
    return "\n".join(lines)


def html_errors(documents, folder):
    """{name: [errors]} from the Nu Html Checker for {name: html}, in one run of the checker."""
    _require(VNU_JAR, "The Nu Html Checker (vnu-jar)")
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"The HTML validation needs Java 11 or newer. {MISSING_TOOLS_HELP}")
    paths = {}
    for name, html in documents.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(html, encoding="utf-8")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         *[str(path) for path in paths.values()]],
        capture_output=True, text=True, timeout=300,
    )
    output = (result.stderr or result.stdout).strip()
    try:
        messages = json.loads(output)["messages"] if output else []
    except ValueError:
        pytest.fail(f"vnu.jar failed (exit {result.returncode}): {output}", pytrace=False)
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    if result.returncode not in (0, 1) or (result.returncode == 1 and not errors):
        pytest.fail(f"vnu.jar failed (exit {result.returncode}): {output}", pytrace=False)
    by_name = {}
    for name, path in paths.items():
        found = [e for e in errors if e.get("url", "").endswith(path.name)]
        if found:
            by_name[name] = found
    return by_name


@pytest.fixture(scope="session")
def check_html(tmp_path_factory):
    """Fail when the Nu Html Checker finds an error in an HTML document."""
    folder = tmp_path_factory.mktemp("html")

    def check(html, name):
        errors = html_errors({name: html}, folder).get(name)
        if errors:
            pytest.fail(f"Nu Html Checker on {name}:\n" + describe_html(errors), pytrace=False)

    return check


def describe_html(errors):
    return "\n".join(
        f"line {e.get('lastLine', '?')}: {e['message']}\n    {e.get('extract', '').strip()}"
        for e in errors
    )
