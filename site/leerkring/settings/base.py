"""Settings shared by every environment.

Every environment variable Leerkring reads is read here, once, with a default
where a default is safe (see the table in README.md). ``production.py``
refuses to start when a security-critical one is missing.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

# This file is site/leerkring/settings/base.py: parents[3] is the repository.
BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"


def env_str(name, default=None):
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name, default):
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_list(name, default=()):
    value = os.environ.get(name)
    if value in (None, ""):
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Environment -----------------------------------------------------------

DATA_DIR = Path(env_str("DATA_DIR", BASE_DIR / "data"))
SECRET_KEY = env_str("SECRET_KEY")
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'leerkring.sqlite3'}")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", DATA_DIR / "media"))
STATIC_ROOT = Path(env_str("STATIC_ROOT", DATA_DIR / "static"))
WHOOSH_DIR = Path(env_str("WHOOSH_DIR", DATA_DIR / "whoosh"))
# Site search: "whoosh" (embedded, the default), "elasticsearch7" or "solr";
# SEARCH_URL is the server's address for the last two (see README, Search).
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "whoosh")
SEARCH_URL = env_str("SEARCH_URL", "")
# Apply queued index updates in the web process after each change (dev, small
# sites) instead of in the `process_index_queue` worker.
SEARCH_QUEUE_INLINE = env_bool("SEARCH_QUEUE_INLINE", False)
BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Leerkring <noreply@leerkring.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds before a mail server that stopped answering counts as failed: a send
# must end well inside notices.tasks.LEASE (the email is then tried again).
EMAIL_TIMEOUT = 30
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
LIBRARY_MAX_UPLOAD_MB = env_int("LIBRARY_MAX_UPLOAD_MB", 50)
# Reading the text of an uploaded PDF or PPTX (library/extraction.py): a child
# process with this much memory and CPU time; beyond them the file is kept
# without search text. Keep the seconds well under the web server's timeout.
LIBRARY_EXTRACTION_MEMORY_MB = env_int("LIBRARY_EXTRACTION_MEMORY_MB", 512)
LIBRARY_EXTRACTION_SECONDS = env_int("LIBRARY_EXTRACTION_SECONDS", 10)
# Images uploaded by editors: file size, and pixels (a 40-megapixel image
# takes 160 MB once decoded for a rendition; library/uploads.py).
IMAGE_MAX_UPLOAD_MB = env_int("IMAGE_MAX_UPLOAD_MB", 10)
IMAGE_MAX_MEGAPIXELS = env_int("IMAGE_MAX_MEGAPIXELS", 40)
# Forum moderation: the default for topics without a rule of their own
# ("every_post", "newcomers" or "none"), and the thresholds.
FORUM_DEFAULT_MODERATION = env_str("FORUM_DEFAULT_MODERATION", "newcomers")
FORUM_APPROVED_POSTS_NEEDED = env_int("FORUM_APPROVED_POSTS_NEEDED", 2)
FORUM_FLAGS_TO_HIDE = env_int("FORUM_FLAGS_TO_HIDE", 3)
FORUM_NEWCOMER_QUESTIONS_PER_DAY = env_int("FORUM_NEWCOMER_QUESTIONS_PER_DAY", 3)
FORUM_NEWCOMER_ANSWERS_PER_DAY = env_int("FORUM_NEWCOMER_ANSWERS_PER_DAY", 10)
FORUM_MODERATOR_EMAIL_MINUTES = env_int("FORUM_MODERATOR_EMAIL_MINUTES", 30)
CATALOGUE_CONTACT_MESSAGES_PER_DAY = env_int("CATALOGUE_CONTACT_MESSAGES_PER_DAY", 5)
# Messages a member may send a day through the relay on profiles (members/profiles.py).
MEMBERS_CONTACT_MESSAGES_PER_DAY = env_int("MEMBERS_CONTACT_MESSAGES_PER_DAY", 5)
VIDEO_MAX_UPLOAD_MB = env_int("VIDEO_MAX_UPLOAD_MB", 2000)
# Analytics: pseudonymous participant rows are deleted after this many days
# (the daily counts are kept), and exports show fewer distinct participants
# than ANALYTICS_MIN_GROUP as "< N".
ANALYTICS_RETENTION_DAYS = env_int("ANALYTICS_RETENTION_DAYS", 90)
ANALYTICS_MIN_GROUP = env_int("ANALYTICS_MIN_GROUP", 5)
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15)
# Password-reset links: per typed address, and requests per IP address, per hour.
PASSWORD_RESET_LINKS_PER_HOUR = env_int("PASSWORD_RESET_LINKS_PER_HOUR", 3)
PASSWORD_RESET_REQUESTS_PER_HOUR_PER_IP = env_int("PASSWORD_RESET_REQUESTS_PER_HOUR_PER_IP", 20)
# Whether translators publish translations themselves (else editors approve them).
TRANSLATORS_MAY_PUBLISH = env_bool("TRANSLATORS_MAY_PUBLISH", False)
# Production only: trust X-Forwarded-Proto from the reverse proxy in front,
# and take the visitor's address from its X-Real-IP (accounts/throttling.py).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
# Background tasks (Django's Tasks framework, through django-tasks): "database"
# keeps them in a table for the `db_worker` command, which any number of
# servers may run; "immediate" runs them in the web process before it
# answers (dev settings and tests; see TASKS below).
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
# /health/ready/ answers 503 once the oldest search index update or
# background task has waited longer than this: its worker is down or stuck.
HEALTH_INDEX_QUEUE_MAX_AGE_SECONDS = env_int("HEALTH_INDEX_QUEUE_MAX_AGE_SECONDS", 300)
HEALTH_TASK_QUEUE_MAX_AGE_SECONDS = env_int("HEALTH_TASK_QUEUE_MAX_AGE_SECONDS", 300)

# --- Applications ----------------------------------------------------------

INSTALLED_APPS = [
    # Site shell (site/)
    "caching",
    "accounts",
    "topics",
    "pages",
    "translations",
    # Notifications and the emails that go with them (site/notices/).
    "notices",
    # Reminders of registered sessions; the content apps are its sources (site/reminders/).
    "reminders",
    # Content apps (repository root)
    "learning",
    "library",
    "webinars",
    "forum",
    "catalogue",
    "members",
    "newsletter",
    "sitesearch",
    # What is new for each member since their last visit (site/whatsnew/).
    "whatsnew",
    # The daily or weekly digest of that news by email (site/digests/).
    "digests",
    # Readiness check, backup and restore (site/operations/).
    "operations",
    # A site app (site/analytics/), listed after the content apps because its
    # demo history is made from their demo content (load_demo follows this order).
    "analytics",
    # haystack must come before wagtail.search: both ship an update_index
    # command and only the first one found is used.
    "haystack",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.LeerkringUsersAppConfig",  # wagtail.users with our fields
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "csp",
    # Background tasks: the framework (Wagtail 8 enqueues its own tasks) and
    # its database backend with the `db_worker` command.
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Headers for every response: outside whatever may answer early (login
    # required, the admin's 403, axes' lockout). See leerkring/headers.py.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "leerkring.headers.ContentSecurityPolicyMiddleware",
    "leerkring.headers.PrivateCacheMiddleware",
    # Reads each cache generation at most once per request (caching/__init__.py).
    "caching.UnitOfWorkMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A NUL character in the address or query: 400 (leerkring/request_checks.py).
    "leerkring.request_checks.RefuseNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who is reading, for rich text's document links (pages/visibility.py).
    "pages.visibility.ReaderMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.AdminAccessMiddleware",
    # When a member's visit began, for "new since your last visit" (whatsnew/visits.py).
    "whatsnew.visits.VisitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "leerkring.urls"
WSGI_APPLICATION = "leerkring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE transactions and
    # a busy timeout make concurrent writers wait for the lock, not fail.
    # Each worker keeps its connection: opening one (and its PRAGMAs) per
    # request costs more than many of the page's queries.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
    # Django's backend, answering "no match" for ids past 64 bits and dates
    # before the year 1 in UTC instead of raising (leerkring/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "leerkring.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The default cache holds what is the same for every member (caching/: the
# generations of its scopes and what is kept under them) and must be shared by
# all web processes: on disk by default, a cache server (e.g.
# django.core.cache.backends.redis.RedisCache) for larger deployments.
CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "django.core.cache.backends.filebased.FileBasedCache"),
        "LOCATION": env_str("CACHE_LOCATION", str(DATA_DIR / "cache")),
    },
}
if CACHES["default"]["BACKEND"].endswith(("FileBasedCache", "LocMemCache")):
    # Room for sessions and every kept page fragment (caching/):
    # Django's default of 300 entries would cull them in a busy hour.
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)}
# Renditions (a query saved per image) in the same shared cache: Wagtail
# forgets a replaced image's renditions only in the process that replaced it,
# so a cache per process would keep pointing others at deleted files.
CACHES["renditions"] = {**CACHES["default"], "KEY_PREFIX": "renditions"}
# HTML fragments ({% kept %}, caching/templatetags/kept.py) are kept in each
# process: they are cheap to render and on every page, where reading them from
# a shared cache cost more than rendering them. Their keys hold the shared
# generations, so every process follows every change.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "leerkring-fragments",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# Whether each kept value is checked against the scopes it declares
# (caching/dependencies.py): an error when it reads what none of them
# watches. On in tests and development (dev.py, test.py); it looks at every
# SQL statement a kept value runs.
CACHING_CHECKS = False

# --- Accounts and login ----------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses locked-out credentials before any other backend.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with each member's permissions kept per process.
    "accounts.backends.CachedPermissionsBackend",
]
LOGIN_URL = "login"
# Wagtail's own login redirects (page and collection privacy) use the site's login.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link lives one day
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's, with a message its Dutch catalog translates (see accounts.validators).
        "NAME": "accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lock a username from one address after repeated failures, for a while only.
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = LOGIN_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# The lock's key is the address as the login reads it (any case, any spaces).
AXES_USERNAME_CALLABLE = "accounts.identity.axes_username"
# The visitor's address, also behind a proxy (the reset limits use it too).
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# Keep no log of successful logins, no user agents and no form contents:
# the email address, IP address and time of failures suffice.
AXES_HANDLER = "accounts.throttling.MinimalDatabaseHandler"
AXES_SENSITIVE_PARAMETERS = ["username", "password", "csrfmiddlewaretoken", "next"]
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False

# Sessions are read from the shared cache and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# --- Languages -------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True
# Machine translation stays off: the platform runs without internet access.
# To plug one in, set WAGTAILLOCALIZE_MACHINE_TRANSLATOR here (see the README).
# New translations stay drafts until a translator (or editor) publishes them.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Files -----------------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
# Where uploads are kept: "filesystem" (MEDIA_ROOT, the default) or "s3", a
# bucket on S3-compatible object storage that several web servers share
# (pages/storage.py). Either way files are sent by Django after the
# permission check, from our own /media/ and /documents/ URLs: the bucket
# stays private and no page points at it.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
S3_BUCKET = env_str("S3_BUCKET", "")
# Empty: Amazon S3 itself; else the server's URL, e.g. https://s3.example.net.
S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL", "")
S3_REGION = env_str("S3_REGION", "")
# Empty: boto3 finds credentials itself (AWS_* variables, an instance role).
S3_ACCESS_KEY_ID = env_str("S3_ACCESS_KEY_ID", "")
S3_SECRET_ACCESS_KEY = env_str("S3_SECRET_ACCESS_KEY", "")
# A folder inside the bucket for all uploads, e.g. "leerkring/media".
S3_PREFIX = env_str("S3_PREFIX", "").strip("/")
# "path" for servers without a host name per bucket (bucket.s3.example.net).
S3_ADDRESSING_STYLE = env_str("S3_ADDRESSING_STYLE", "auto")
# The canned ACL of every object; "none" sends none, for Amazon S3 buckets
# with ACLs disabled (objects are private there whatever the ACL).
S3_OBJECT_ACL = env_str("S3_OBJECT_ACL", "private")
# Files on disk only: after the permission check, nginx sends the file from
# its internal location /protected-media/ (pages/files.py; see README).
MEDIA_X_ACCEL_REDIRECT = env_bool("MEDIA_X_ACCEL_REDIRECT", False)


def media_storage(kind, bucket="", endpoint_url="", region="", access_key_id="",
                  secret_access_key="", prefix="", addressing_style="auto", acl="private"):
    """The STORAGES entry for uploads of MEDIA_STORAGE ``kind``."""
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ValueError(f"MEDIA_STORAGE must be filesystem or s3, not {kind!r}")
    return {"BACKEND": "pages.storage.PrivateS3Storage", "OPTIONS": {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "access_key": access_key_id or None,
        "secret_key": secret_access_key or None,
        "location": prefix,
        "addressing_style": None if addressing_style == "auto" else addressing_style,
        "default_acl": None if acl == "none" else acl,
    }}


STORAGES = {
    "default": media_storage(MEDIA_STORAGE, S3_BUCKET, S3_ENDPOINT_URL, S3_REGION,
                             S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_PREFIX,
                             S3_ADDRESSING_STYLE, S3_OBJECT_ACL),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Document links lead to Wagtail's URL, answered by pages.files.serve_document
# (the file streamed after the checks, Range requests answered, from disk or bucket).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_MODEL = "library.LibraryDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "library.forms.LibraryDocumentForm"
# The one list of accepted uploads lives in library/uploads.py.
WAGTAILDOCS_EXTENSIONS = ["pdf", "pptx", "odp", "docx", "xlsx", "mp4", "webm"]
# Also Pillow's decompression-bomb guard for every image decoded (library/uploads.py).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = IMAGE_MAX_UPLOAD_MB * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = IMAGE_MAX_MEGAPIXELS * 1_000_000
# Shown in the browser rather than downloaded: PDFs, text and videos.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain", "video/mp4", "video/webm",
                                    "video/ogg"]
# Privacy is by group (pages/visibility.py). A shared password, on top of a
# member's own login, cannot be withdrawn from one person, travels by
# forwarding, and still hides the item from every list and search; for
# collections it never let anyone in. So the admin offers groups only.
# Password rules already saved stay closed to lists, search and file downloads.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# --- Wagtail ---------------------------------------------------------------

WAGTAIL_SITE_NAME = "Leerkring"
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Avatars are initials, never Gravatar: its URL carries a hash of each staff
# member's email to an outside host (tests/e2e/test_outside_requests.py).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# No oEmbed look-ups at render time: they call the network.
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_PASSWORD_RESET_ENABLED = True



def search_connections(backend, whoosh_dir, url=""):
    """One haystack connection per language, each with its own analyzer.

    "default" is the Dutch index (haystack requires a connection by that
    name); sitesearch.languages maps languages to connections through the
    LANGUAGE option.
    """
    engines = {
        "whoosh": "sitesearch.backends.LanguageWhooshEngine",
        "elasticsearch7": "sitesearch.elasticsearch.LanguageElasticsearch7Engine",
        "solr": "haystack.backends.solr_backend.SolrEngine",
    }
    if backend not in engines:
        raise ValueError(f"SEARCH_BACKEND must be one of {', '.join(engines)}, not {backend!r}")
    connections = {}
    for alias, language in (("default", "nl"), ("en", "en")):
        options = {"ENGINE": engines[backend], "LANGUAGE": language}
        if backend == "whoosh":
            options["PATH"] = str(Path(whoosh_dir) / language)
        elif backend == "elasticsearch7":
            options.update(URL=url, INDEX_NAME=f"leerkring_{language}")
        else:  # one Solr core per language, e.g. http://solr:8983/solr/leerkring_
            options["URL"] = f"{url}{language}"
        connections[alias] = options
    return connections


HAYSTACK_CONNECTIONS = search_connections(SEARCH_BACKEND, WHOOSH_DIR, SEARCH_URL)
HAYSTACK_ROUTERS = ["sitesearch.routers.LanguageRouter"]
# Index updates go through sitesearch's queue (see sitesearch/queue.py).
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# --- Background tasks --------------------------------------------------------


def task_backends(kind):
    """TASKS for TASKS_BACKEND ``kind``: one backend, "default", with one queue."""
    backends = {
        "database": "django_tasks_db.DatabaseBackend",
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    }
    if kind not in backends:
        raise ValueError(f"TASKS_BACKEND must be one of {', '.join(backends)}, not {kind!r}")
    return {"default": {"BACKEND": backends[kind], "QUEUES": ["default"]}}


# Password-reset emails (accounts/tasks.py), notification emails
# (notices/tasks.py) and Wagtail's own tasks (its
# reference index, deleting the files of deleted images and documents).
TASKS = task_backends(TASKS_BACKEND)

# --- Security headers ------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    # Under /admin/ the admin's policy below applies instead (leerkring/headers.py).
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        # Only after a member presses play on a linked video (see learning/videos.py).
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin: nothing from another host, no eval, no plugins, framed
# only by itself (the live preview). Wagtail 8 still writes inline scripts
# (date choosers, chooser URLs, the focal-point cropper's handlers) and
# inline styles, so both may be inline here; the site's pages stay strict.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
