from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views import defaults
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.urls import password_reset as wagtailadmin_password_reset_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AdminPasswordResetView
from leerkring.headers import with_site_policy
from operations import readiness
from pages import views as page_views
from pages.files import serve_document, serve_media

from . import converters

# Numbers in URLs are ids: refused past 64 bits or at 0 (converters.py).
converters.install()


def _documents(patterns):
    """Wagtail's document URLs, the file itself sent by pages.files.serve_document
    (from disk or bucket, answering Range requests) under Wagtail's URL name."""
    return [path("<int:document_id>/<path:document_filename>", serve_document,
                 name="wagtaildocs_serve"),
            *[pattern for pattern in patterns if pattern.name != "wagtaildocs_serve"]]


def _public(patterns):
    """Mark included views as reachable without logging in.

    Wagtail's admin password-reset views lose Django's ``login_not_required``
    marker (they are wrapped by Wagtail's own decorators); without it the
    LoginRequiredMiddleware would send people who forgot their password to
    the login page. Remove once Wagtail marks them itself.
    """
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            _public(pattern.url_patterns)
        else:
            pattern.callback = login_not_required(pattern.callback)
    return patterns


urlpatterns = [
    # Outside the language prefix: admin, documents, machine endpoints.
    # Wagtail's admin reset form, limited as the site's is (accounts.password_reset).
    path("admin/password_reset/", login_not_required(AdminPasswordResetView.as_view()),
         name="wagtailadmin_password_reset"),
    path("admin/password_reset/", include(_public(wagtailadmin_password_reset_urls.urlpatterns))),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(_documents(wagtaildocs_urls.urlpatterns))),
    # Uploaded images, for members only (documents are refused here).
    re_path(r"^media/(?P<path>.+)$", serve_media, name="media"),
    path("health/", page_views.health, name="health"),
    path("health/ready/", readiness.ready, name="health_ready"),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    # Static files only: uploaded media are never served straight from
    # MEDIA_ROOT (every file goes through a permission check: pages/files.py).
    urlpatterns += _public(staticfiles_urlpatterns())

urlpatterns += i18n_patterns(
    path("", include("accounts.urls")),
    path("", include("learning.urls")),
    path("", include("sitesearch.urls")),
    path("", include("notices.urls")),
    path("", include("whatsnew.urls")),
    # Wagtail's page routes, behind the login (see pages.views.serve).
    re_path(r"^((?:[\w\-]+/)*)$", page_views.serve, name="wagtail_serve"),
)
# Wagtail's choosers take ids as text: the same id rule for them.
converters.ids_as_text(urlpatterns)

# Django's error pages render the site's templates, also for admin URLs.
handler400 = with_site_policy(defaults.bad_request)
handler403 = with_site_policy(defaults.permission_denied)
handler404 = with_site_policy(defaults.page_not_found)
handler500 = with_site_policy(defaults.server_error)
