from django.core.exceptions import PermissionDenied

ADMIN_ACCESS = "wagtailadmin.access_admin"
ADMIN_PREFIX = "/admin/"  # as mounted in leerkring/urls.py
# Admin pages anyone may reach: logging in or out, recovering a password.
_OPEN_ADMIN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")


class AdminAccessMiddleware:
    """Members without admin rights get the site's "no access" page in the admin.

    Wagtail would send a logged-in participant to its own login form, which
    reads as if the password were wrong; a 403 in the site's language says
    what is going on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(ADMIN_PREFIX)
            and not path.startswith(_OPEN_ADMIN_PATHS)
            and request.user.is_authenticated
            and not request.user.has_perm(ADMIN_ACCESS)
        ):
            raise PermissionDenied
        return self.get_response(request)
