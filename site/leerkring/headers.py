"""Response headers every answer carries: the content security policy and caching.

Both middlewares sit near the top of ``MIDDLEWARE``, outside everything that
may answer early (login required, the admin's "no access", axes' lockout, a
404), so that no kind of response goes out without them.

- **Content-Security-Policy.** The site runs under a strict policy
  (``CONTENT_SECURITY_POLICY``: no inline scripts or styles). The Wagtail
  admin cannot: Wagtail 8 still writes inline scripts (date choosers, chooser
  URLs, the focal-point cropper's handlers) and inline styles. Rather than no
  policy at all, the admin gets its own (``ADMIN_CONTENT_SECURITY_POLICY``):
  nothing from another host, no eval, no plugins, framing only by the site
  itself (the live preview), inline scripts and styles allowed. A browser
  test walks the admin as each staff role and fails on any violation of it;
  when Wagtail drops its inline scripts, remove ``'unsafe-inline'`` from the
  admin's ``script-src`` and let that test confirm it. Error pages are the
  site's own templates wherever they are shown, so they keep the site's
  policy under ``/admin/`` too (``with_site_policy``).
- **Cache-Control.** Pages for members, files included, are personal: a
  shared proxy must never keep one, and after logging out the browser must
  ask the server again before showing one (which then asks for the login).
  A response that says nothing about caching gets ``private``; HTML also gets
  ``no-cache``. A view that means to be cached by anyone says ``public``
  itself (``robots.txt``).
"""

from functools import wraps

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.utils.cache import patch_cache_control

ADMIN_PREFIX = "/admin/"  # as mounted in leerkring/urls.py


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under ``/admin/``."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (not report_only and parts.config is None
                and request.path_info.startswith(ADMIN_PREFIX)):
            admin = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
            return PolicyParts(admin, parts.update, parts.replace, parts.nonce)
        return parts


def with_site_policy(view):
    """The site's policy on what ``view`` answers, even under ``/admin/`` (error pages)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response._csp_config = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return response

    return wrapped


class PrivateCacheMiddleware:
    """``Cache-Control: private`` on every response that did not choose its own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        control = response.get("Cache-Control", "")
        if "public" in control or "private" in control:
            return response
        if response.get("Content-Type", "").startswith("text/html"):
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, private=True)
        return response
