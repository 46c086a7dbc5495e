"""Every page each demo role can reach, on the site and one click into the admin,
answers without a server error (on SQLite, and on PostgreSQL with Redis in the
production-stack pass of `make test`)."""

import re

import pytest
from django.test import Client

from accounts.models import User

DEMO_ROLES = ["participant", "moderator", "editor", "translator", "coordinator"]


def _new_kind_on_site():
    """Follow a link on the site when no page of its kind was followed yet: the
    same path with other numbers and the same query names is the same kind
    (forum question 7 after question 3, page 2 of a listing after page 1)."""
    kinds = set()

    def follow(path):
        if (path.startswith(("/admin/", "/static/", "/documents/", "/media/"))
                or "uitloggen" in path or "logout" in path):
            return False
        address, _sep, query = path.partition("?")
        names = sorted(pair.split("=", 1)[0] for pair in query.split("&") if pair)
        kind = (re.sub(r"\d+", "N", address), tuple(names))
        if kind in kinds:
            return False
        kinds.add(kind)
        return True

    return follow


def _server_errors(statuses):
    return sorted(f"{status} {path}" for path, status in statuses.items() if status >= 500)


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_a_demo_role_meets_no_server_error(demo, role, probe):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(email=f"{role}@example.org"))
    statuses = {}
    _found, read = probe.crawl(client, ["/nl/", "/en/"], follow=_new_kind_on_site(),
                               limit=400, statuses=statuses)
    # The admin: its front page and every page it links to, not deeper.
    in_admin, _read = probe.crawl(client, ["/admin/"], follow=lambda path: False,
                                  statuses=statuses)
    menu = sorted(path for path in in_admin if path.startswith("/admin/")
                  and "logout" not in path)
    probe.crawl(client, menu, follow=lambda path: False, statuses=statuses)
    assert len(read) > 40, "the crawl should reach the demo's pages"
    assert _server_errors(statuses) == []


def test_an_anonymous_visitor_meets_no_server_error(demo, probe):
    statuses = {}
    probe.crawl(Client(raise_request_exception=False), ["/nl/", "/en/", "/admin/"],
                follow=lambda path: not path.startswith("/static/"), limit=100,
                statuses=statuses)
    assert _server_errors(statuses) == []
