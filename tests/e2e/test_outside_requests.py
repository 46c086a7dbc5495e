"""No page, the admin included, makes the browser ask another host for anything.

A request to another host tells that host who looked at what (Gravatar gets a
hash of each staff member's email), and offline it breaks the page. The
browser records every request a page makes, including those its scripts make
after loading, and fails on any whose host is not the site's.

The admin runs under its own Content-Security-Policy (see
``leerkring.middleware``); the same walk fails on any violation of it, so a
policy that breaks the admin is caught here.
"""

from urllib.parse import urlsplit

from accounts.roles import COORDINATORS, EDITORS, MODERATORS, PARTICIPANTS, TRANSLATORS
from tests.e2e.conftest import LANGUAGES, SITE_PAGES, log_in_session

# Chromium reports CSP violations to the page as this event; the listener is
# installed before any script of the page runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
    + ` (${e.sourceFile || ''}:${e.lineNumber || ''})`);
});
"""


def _admin_paths():
    """Admin screens each staff role opens in a working day, with real objects in them."""
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from learning.models import LessonPage

    lesson_nl = LessonPage.objects.filter(locale__language_code="nl").order_by("path").first()
    lesson_en = LessonPage.objects.filter(locale__language_code="en").order_by("path").first()
    image = get_image_model().objects.order_by("pk").first()
    root = Page.objects.get(depth=1)
    paths = [
        "/admin/",
        f"/admin/pages/{root.pk}/",
        f"/admin/pages/{lesson_nl.get_parent().pk}/",
        f"/admin/pages/{lesson_nl.pk}/edit/",
        f"/admin/pages/{lesson_en.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/account/",
        "/admin/reports/site-history/",
    ]
    if image is not None:
        paths.append(f"/admin/images/{image.pk}/")
    return paths


def _watch(browser_page, host, requests):
    def record(request):
        if urlsplit(request.url).scheme in ("data", "blob", "about", "chrome-extension"):
            return
        if urlsplit(request.url).netloc != host:
            requests.append(request.url)

    browser_page.on("request", record)


def test_no_site_page_asks_another_host(browser, site, make_member):
    """Every page of SITE_PAGES in each language, as a visitor or a member, loads only
    from the site (one test: the demo loads once)."""
    host = urlsplit(site.url).netloc
    outside = []
    for language in LANGUAGES:
        visitor = browser.new_context(base_url=site.url)
        member = browser.new_context(base_url=site.url)
        log_in_session(member, site, make_member(language=language))
        for site_page in SITE_PAGES:
            browser_page = (member if site_page.member else visitor).new_page()
            _watch(browser_page, host, outside)
            browser_page.goto(site_page.path(language), wait_until="networkidle")
            browser_page.close()
        visitor.close()
        member.close()
    assert outside == []


STAFF_ROLES = {"editor": (EDITORS,), "moderator": (MODERATORS,),
               "translator": (TRANSLATORS,), "coordinator": (EDITORS, COORDINATORS)}


def test_the_admin_asks_no_other_host_and_keeps_to_its_policy(browser, site, make_member):
    """Every admin screen each staff role opens loads only from the site, without a
    violation of the admin's CSP (before: avatars came from Gravatar)."""
    host = urlsplit(site.url).netloc
    outside, violations, failed = [], [], []
    for name, roles in STAFF_ROLES.items():
        staff = make_member(PARTICIPANTS, *roles, email=f"{name}-staff@example.org")
        context = browser.new_context(base_url=site.url)
        context.add_init_script(RECORD_VIOLATIONS)
        log_in_session(context, site, staff)
        for path in _admin_paths():
            browser_page = context.new_page()
            _watch(browser_page, host, outside)
            response = browser_page.goto(path, wait_until="networkidle")
            if response.status >= 500:
                failed.append(f"{name} {path}: {response.status}")
            violations += [f"{name} {path}: {v}"
                           for v in browser_page.evaluate("window.__cspViolations")]
            browser_page.close()
        context.close()
    assert failed == []
    assert outside == []
    assert violations == []
