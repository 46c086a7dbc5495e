"""Security headers on every kind of site page, and production's cookies and HSTS."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from pages.models import InformationPage, LandingPage

REPO = Path(__file__).resolve().parents[2]
STRONG_KEY = "x" * 30 + "-production-test-key-0123456789abcdef"
# The production settings these tests need, read from leerkring.settings.production.
PRODUCTION_SETTINGS = [
    "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER", "SECURE_REDIRECT_EXEMPT", "DEBUG",
]


def _public_paths():
    landing = LandingPage.objects.get(locale__language_code="nl")
    english_landing = LandingPage.objects.get(locale__language_code="en")
    privacy = InformationPage.objects.get(locale__language_code="en", public=True)
    return ["/nl/inloggen/", "/en/login/", "/nl/wachtwoord-vergeten/", landing.url,
            english_landing.url, privacy.url]


PASSWORD = "a-long-test-password"  # as in tests/conftest.py
SAFE_COOKIE = {"secure": True, "httponly": True, "samesite": "Lax"}
MEMBER_PATHS = ["/nl/", "/en/", "/nl/account/", "/en/account/password/",
                "/nl/bestaat-niet/"]


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def header_problems(response):
    problems = []
    csp = response.get("Content-Security-Policy")
    if not csp:
        return ["no Content-Security-Policy"]
    directives = csp_directives(csp)
    script_src = directives.get("script-src", directives.get("default-src"))
    if script_src is None:
        problems.append("CSP has neither script-src nor default-src")
    elif {"'unsafe-inline'", "'unsafe-eval'"} & set(script_src):
        problems.append(f"script-src allows inline or eval: {script_src}")
    if directives.get("object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if not response.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    framing_refused = (directives.get("frame-ancestors") == ["'none'"]
                       or response.get("X-Frame-Options") == "DENY")
    if not framing_refused:
        problems.append("pages may be framed (no frame-ancestors 'none', no X-Frame-Options)")
    return problems


def test_public_pages_send_the_security_headers(client, demo):
    for path in _public_paths():
        response = client.get(path)
        assert response.status_code == 200, path
        assert not header_problems(response), (path, header_problems(response))


def test_member_pages_send_the_security_headers(member_client, demo):
    for path in MEMBER_PATHS:
        response = member_client.get(path)
        assert response.status_code in (200, 404), path
        assert not header_problems(response), (path, header_problems(response))


def test_the_header_check_itself():
    """The guard: a lax policy is reported."""
    from django.http import HttpResponse

    lax = HttpResponse()
    lax["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'"
    problems = header_problems(lax)
    assert any("inline" in p for p in problems)
    assert any("nosniff" in p for p in problems)
    assert any("framed" in p for p in problems)


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory):
    """The security settings as leerkring.settings.production computes them."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY",)}
    environment.update(
        DJANGO_SETTINGS_MODULE="leerkring.settings.production", SECRET_KEY=STRONG_KEY,
        DATA_DIR=str(tmp_path_factory.mktemp("data")), BEHIND_TLS_PROXY="true",
    )
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=REPO, env=environment,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def _cookie_flags(response, name):
    morsel = response.cookies[name]
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"]}


def test_production_cookies_are_secure_and_http_only(production_settings, participant, demo):
    from django.conf import settings

    with override_settings(**production_settings):
        client = Client()
        form = client.get("/nl/inloggen/", secure=True)
        assert form.status_code == 200
        assert _cookie_flags(form, settings.CSRF_COOKIE_NAME) == SAFE_COOKIE
        response = client.post(
            "/nl/inloggen/", {"username": participant.email, "password": PASSWORD}, secure=True
        )
        assert response.status_code == 302
        for name in (settings.SESSION_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME):
            assert _cookie_flags(response, name) == SAFE_COOKIE, name


def test_production_forces_https_with_hsts(production_settings, db):
    with override_settings(**production_settings):
        client = Client()
        plain = client.get("/nl/inloggen/")
        assert plain.status_code == 301 and plain["Location"].startswith("https://")
        behind_proxy = client.get("/nl/inloggen/", HTTP_X_FORWARDED_PROTO="https")
        assert behind_proxy.status_code == 200
        hsts = behind_proxy["Strict-Transport-Security"]
        assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
        assert client.get("/health/").status_code == 200  # the load balancer's plain probe
        ready = client.get("/health/ready/")  # 200 or 503, never a redirect to HTTPS
        assert ready.status_code in (200, 503) and "checks" in ready.json()


def _early_answers(participant):
    """Answers given before any view runs, or by a refusal: each must carry the headers."""
    anonymous, member = Client(), Client()
    member.force_login(participant)
    return {
        "admin refused to a participant (403)": member.get("/admin/"),
        "admin page refused to a participant (403)": member.get("/admin/pages/"),
        "login required (redirect)": anonymous.get("/nl/"),
        "page not found for a member (404)": member.get("/nl/bestaat-niet/"),
        "method not allowed (405)": anonymous.post("/robots.txt"),
        "CSRF refused (403)": Client(enforce_csrf_checks=True).post(
            "/nl/inloggen/", {"username": "x@example.org", "password": "x"}),
    }


def test_every_kind_of_early_answer_sends_the_security_headers(participant, demo):
    """The admin's 403 for participants lacked X-Frame-Options and CSP (middleware order)."""
    problems = {}
    for what, response in _early_answers(participant).items():
        found = header_problems(response)
        if response.get("X-Frame-Options") != "DENY":
            found.append("no X-Frame-Options: DENY")
        if found:
            problems[what] = (response.status_code, found)
    assert problems == {}


def test_the_admin_has_a_policy_that_keeps_everything_on_the_site(editor, demo):
    """Before, the admin had no CSP at all. Now: no other host, no eval, no plugins."""
    client = Client()
    client.force_login(editor)
    for path in ("/admin/", "/admin/pages/", "/admin/images/"):
        response = client.get(path)
        assert response.status_code == 200, path
        directives = csp_directives(response["Content-Security-Policy"])
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'self'"]
        for name, sources in directives.items():
            assert "'unsafe-eval'" not in sources, name
            others = [s for s in sources if s not in ("'self'", "'unsafe-inline'", "'none'",
                                                      "data:", "blob:")]
            assert others == [], (name, others)


def test_member_answers_are_private_to_the_member(member_client, participant, demo):
    """Member pages, files and refusals say Cache-Control: private (before: nothing)."""
    from wagtail.documents import get_document_model

    document = get_document_model().objects.filter(collection__depth=1).order_by("pk").first()
    answers = {path: member_client.get(path) for path in MEMBER_PATHS}
    answers["document"] = member_client.get(document.url)
    answers.update({f"early: {what}": r for what, r in _early_answers(participant).items()})
    answers["login form"] = Client().get("/nl/inloggen/")
    not_private = {what: r.get("Cache-Control") for what, r in answers.items()
                   if "private" not in r.get("Cache-Control", "")}
    assert not_private == {}
    html = answers["/nl/"]
    assert "no-cache" in html["Cache-Control"]  # after logging out, ask the server again


def test_what_anyone_may_cache_says_so(client, db):
    response = client.get("/robots.txt")
    assert "public" in response["Cache-Control"] and "private" not in response["Cache-Control"]
