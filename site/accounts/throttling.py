"""django-axes, keeping only what the lockout needs.

Axes records the browser's user agent and Accept header with every failed
login; Leerkring locks by email address and IP address only, so those are
blanked before the record is written (GDPR: no more personal data than
needed). Remove this handler if axes gains a setting to skip them.
"""

from axes.handlers.database import AxesDatabaseHandler


class MinimalDatabaseHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            request.axes_user_agent = ""
            request.axes_http_accept = ""
        return super().user_login_failed(sender, credentials, request, **kwargs)
