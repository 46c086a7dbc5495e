from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views

from .routing import route_for_request
from .visibility import page_is_public, refused_by_privacy


@login_not_required
def serve(request, path):
    """Wagtail's page view behind the login, except for public pages.

    LoginRequiredMiddleware judges by view, and Wagtail serves every page
    through one view, so that view is exempt and the decision is made here
    per page. Unknown paths also redirect anonymous visitors to the login,
    so that nobody can probe which pages exist.
    """
    route = route_for_request(request, path)  # where Wagtail's view finds it
    page = None if route is None else next(iter(route))
    if not request.user.is_authenticated:
        if page is None or not page_is_public(page):
            return redirect_to_login(request.get_full_path())
    if page is not None and refused_by_privacy(request, page):
        # Wagtail would send even a logged-in member to a login form; a
        # member outside the page's groups gets "no access" in their language.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return wagtail_views.serve(request, path)


@login_not_required
@never_cache
@require_GET
def health(request):
    """For load balancers and monitoring: the app answers and reaches its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_not_required
@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    # The community's material is behind a login; nothing here is for crawlers.
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")
