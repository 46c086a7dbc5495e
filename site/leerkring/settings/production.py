"""Production: everything from the environment, secure by default.

Refuses to start without SECRET_KEY, or with object storage but no bucket. Run with
``gunicorn --pythonpath site leerkring.wsgi`` behind a TLS-terminating proxy.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BEHIND_TLS_PROXY, MEDIA_STORAGE, MEDIA_X_ACCEL_REDIRECT, S3_BUCKET, SECRET_KEY

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
if MEDIA_STORAGE == "s3" and not S3_BUCKET:
    raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET, the bucket for the uploads.")
if MEDIA_STORAGE == "s3" and MEDIA_X_ACCEL_REDIRECT:
    raise ImproperlyConfigured(
        "MEDIA_X_ACCEL_REDIRECT works with files on disk only (MEDIA_STORAGE=filesystem): "
        "nginx cannot send a file from the bucket."
    )

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload directive only allows a later submission to browsers' lists.
SECURE_HSTS_PRELOAD = True
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /health/ and /health/ready/ are probed over plain HTTP by the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^health/ready/$"]
# Demo accounts and content never exist in production.
DEMO_CONTENT_ALLOWED = False
