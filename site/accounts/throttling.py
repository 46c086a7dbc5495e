"""django-axes, keeping only what the lockout needs.

Axes records the browser's user agent and Accept header with every failed
login; Leerkring locks by email address and IP address only, so those are
blanked before the record is written (GDPR: no more personal data than
needed). Remove this handler if axes gains a setting to skip them.

Behind the reverse proxy every request comes from the proxy's address, so
the lockout and the per-network limit on reset links would count all
visitors as one: with ``BEHIND_TLS_PROXY`` the address is the one the proxy
puts in ``X-Real-IP`` (deploy/nginx/leerkring.conf sets it, replacing any
the visitor sent; gunicorn listens only on the proxy's side).
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings


def client_ip(request):
    """AXES_CLIENT_IP_CALLABLE: the visitor's IP address (also for accounts.password_reset)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        try:
            # Stored in axes' address column: an address, or nothing from this header.
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")


class MinimalDatabaseHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            request.axes_user_agent = ""
            request.axes_http_accept = ""
        return super().user_login_failed(sender, credentials, request, **kwargs)
