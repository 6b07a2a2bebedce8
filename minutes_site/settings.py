"""Minutebook settings: one module, driven by environment variables.

Development defaults are safe: with no environment at all the site runs on SQLite with
DEBUG off. `make run` turns DEBUG on for local use. Production sets SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL (see README, "Running in production").
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules or env_bool("MINUTEBOOK_TESTING", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and (DEBUG or TESTING or env_bool("MINUTEBOOK_ALLOW_INSECURE_KEY", False)):
    # Only ever used on a developer's machine or in tests (DEBUG/TESTING/explicit opt-in).
    SECRET_KEY = "dev-only-insecure-key-minutebook-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105  # nosec B105
# Otherwise an unset key stays empty: commands that sign nothing (migrate, makemigrations,
# check) still run, `check --deploy` fails, and the web server refuses to start (wsgi.py).

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The editor's admin site: django.contrib.admin with optional TOTP (minutes_site/admin_site.py).
    "minutes_site.apps.MinutebookAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "minutes_site",
    "committees",
    "agenda",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "minutes_site.middleware.PermissionsPolicyMiddleware",
    "minutes_site.csp.MinutebookCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Inside the security/CSP headers (fresh on every answer), outside sessions and
    # authentication (it decides by the request's cookies): docs/caching.md.
    "agenda.caching.middleware.PageCacheMiddleware",
    # Outermost of everything that can touch the database: a dead database becomes a 503.
    "minutes_site.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a flagged locked-out request into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "minutes_site.urls"
WSGI_APPLICATION = "minutes_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "minutes_site.context_processors.council",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiling costs tens of ms per query and only pays off on analytics; the search
    # queries' (over-)estimated costs would otherwise trigger it on every page.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` has the web server and the task worker writing to one SQLite file: a
    # writer waits its turn (up to 20 s) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username+address is refused before any password check.
    "minutes_site.auth_backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files are never served from MEDIA_URL: every download goes through a view that checks
# permission. The URL is only a prefix Django insists on.
MEDIA_URL = "/media-not-served/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Documents on the local disk (default: one machine) or in an S3 bucket shared by every
# web and worker machine (STORAGE_BACKEND=s3; docs/deployment.md). In the bucket every
# object is private; a public document gets a public copy named by its content hash
# (agenda/publishing/public_files.py) and the editor gets signed, short-lived URLs.
STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "filesystem")
if STORAGE_BACKEND not in {"filesystem", "s3"}:
    raise ValueError("STORAGE_BACKEND must be filesystem or s3")
if STORAGE_BACKEND == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ValueError("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME")
    STORAGES["default"] = {
        "BACKEND": "minutes_site.s3_storage.DocumentS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            # Any S3-compatible service (MinIO, Ceph, a cloud's own): its address.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            # Keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, else the machine's role.
        },
    }
# How long an editor's signed link to a stored file works.
SIGNED_URL_SECONDS = int(os.environ.get("SIGNED_URL_SECONDS", "300"))
# Public copies: a year in every cache (their names change with their content); the
# address they are fetched from (a CDN or the bucket's domain; empty: the bucket's
# endpoint); the ACL that makes them readable ("" where the bucket refuses ACLs and a
# bucket policy makes public/* readable instead).
PUBLIC_FILES_MAX_AGE = int(os.environ.get("PUBLIC_FILES_MAX_AGE", str(365 * 24 * 3600)))
PUBLIC_FILES_URL = os.environ.get("PUBLIC_FILES_URL", "")
PUBLIC_FILES_ACL = os.environ.get("PUBLIC_FILES_ACL", "public-read")

LOGIN_URL = "admin:login"

# bootstrap5 for the public forms; "editor" (templates/editor/) for the editor's own forms.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("bootstrap5", "editor")
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The council this install serves. Every council is its own brand: nothing about the demo
# council is written into templates.
COUNCIL = {
    "name": os.environ.get("COUNCIL_NAME", "Minutebook Demo Council"),
    "short_name": os.environ.get("COUNCIL_SHORT_NAME", "Minutebook"),
    "colour": os.environ.get("COUNCIL_COLOUR", "#1d4f91"),
    "address": os.environ.get("COUNCIL_ADDRESS", ""),
    "email": os.environ.get("COUNCIL_EMAIL", ""),
    "phone": os.environ.get("COUNCIL_PHONE", ""),
    "accessibility_email": os.environ.get("COUNCIL_ACCESSIBILITY_EMAIL", ""),
    "url": os.environ.get("COUNCIL_URL", ""),
}

# Publishing rules. Clear days' notice is each committee's own field (default 5, England).
# Council-wide running minute numbers per municipal year ("Minute 1772"), given when minutes
# are first published and printed on minutes pages and PDFs (agenda/models/minute_numbers.py).
RUNNING_MINUTE_NUMBERS = env_bool("RUNNING_MINUTE_NUMBERS", False)
FOUR_EYES_RELEASE = env_bool("FOUR_EYES_RELEASE", True)
# Publishing steps that print PDFs run in the task worker: the manager gets an answer at
# once and the meeting goes public when every output is ready (agenda/publishing/background.py).
PUBLISH_IN_BACKGROUND = env_bool("PUBLISH_IN_BACKGROUND", True)
# Reports pass author, service head, finance, legal and democratic services before they go
# out; an unsigned report blocks publication unless a manager records a reason.
REPORT_SIGN_OFF = env_bool("REPORT_SIGN_OFF", False)
# The working day before the agenda deadline by which reports should be signed off, and
# the working days after a meeting by which its draft minutes are due (the dashboard).
SIGN_OFF_WORKING_DAYS = int(os.environ.get("SIGN_OFF_WORKING_DAYS", "3"))
MINUTES_DUE_WORKING_DAYS = int(os.environ.get("MINUTES_DUE_WORKING_DAYS", "5"))
# Executive decisions may be called in for this many clear working days after their
# decision notice is published (the council's constitution; 5 is usual).
CALL_IN_WORKING_DAYS = int(os.environ.get("CALL_IN_WORKING_DAYS", "5"))
# Background work (docs/tasks.md): publishing, email and big uploads go to a task worker.
# "database" (default) keeps the queue in the site's own database, run by
# `manage.py db_worker`; "redis" uses RQ (`manage.py rqworker --job-class
# django_tasks_rq.Job --with-scheduler`) for large deployments; "immediate" runs each task
# at once inside the request (no worker). Tests always run tasks immediately unless a test
# chooses a backend itself, so the suite needs no worker.
TASKS_BACKEND = "immediate" if TESTING else os.environ.get("TASKS_BACKEND", "database")
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "redis": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ValueError(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
# The RQ backend's Redis; its own database number, apart from any cache.
TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL", "redis://127.0.0.1:6379/1")
RQ_QUEUES = {
    "default": {
        "URL": TASKS_REDIS_URL,
        # A reports pack for a big meeting renders for minutes, not seconds.
        "DEFAULT_TIMEOUT": int(os.environ.get("TASKS_TIMEOUT_SECONDS", "1800")),
    }
}
# Uploads larger than this are converted and scanned by the worker rather than in the
# editor's request (0: always in the request).
SCAN_IN_BACKGROUND_BYTES = int(os.environ.get("SCAN_IN_BACKGROUND_MB", "10")) * 1024 * 1024
# Email: summons, notices and subscriptions go out over SMTP, sent by the task worker.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (as `make run` sets),
# each message is written to a file here instead of being sent.
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", BASE_DIR / "sent-mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "minutes@localhost")
# Links in emails need the site's own address (e.g. https://minutes.example.gov.uk).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_MB", "50")) * 1024 * 1024
# Word/OpenDocument reports become PDFs with LibreOffice (agenda/scanning/convert.py).
SOFFICE_BINARY = os.environ.get("SOFFICE_BINARY", "")  # empty: `soffice` on PATH
CONVERSION_TIMEOUT_SECONDS = float(os.environ.get("CONVERSION_TIMEOUT_SECONDS", "120"))

SIMPLE_HISTORY_REVERT_DISABLED = True


def cache_from_url(url):
    """One cache from CACHE_URL: redis://host:port/db (Django's RedisCache), file:///path,
    db://table (DatabaseCache: run `manage.py createcachetable`), locmem://, dummy://."""
    scheme, _, rest = url.partition("://")
    if scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "file":
        return {
            "BACKEND": "minutes_site.cache.FileCache",  # Django's, culled less often
            "LOCATION": rest or str(BASE_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
        }
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest or "minutebook_cache",
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ValueError(f"CACHE_URL must be redis://, file://, db://, locmem:// or dummy:// ({url})")


# The cache (docs/caching.md): public pages, publication progress. Shared by every web
# process and the task worker, so by default a folder of files (nothing to set up);
# CACHE_URL=redis://127.0.0.1:6379/2 for Redis in production. Tests always use memory.
CACHE_URL = os.environ.get("CACHE_URL", "") or f"file://{BASE_DIR / 'cache'}"
CACHES = {"default": cache_from_url("locmem://" if TESTING else CACHE_URL)}
# Anonymous visitors' pages are kept this long at most (0: no page cache); a change to
# what a page shows retires it at once. Browsers and proxies may keep them PAGE_CACHE_MAX_AGE.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_KB", "2048")) * 1024
PAGE_CACHE_ALIAS = "default"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # Audit records are already JSON objects: one per line, nothing around them.
        "json_line": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "audit": {
            "class": "logging.StreamHandler",
            "formatter": "json_line",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint narrates every render step at INFO; keep the log for what matters.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "minutebook.audit": {"handlers": ["audit"], "level": "INFO", "propagate": False},
        # axes logs every attempt at INFO; our audit log already says who failed from where.
        "axes": {"level": "WARNING"},
    },
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Secure by default whenever DEBUG is off; a developer's `make run` turns DEBUG on.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it; forms carry the token
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 10)))  # a working day
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Content-Security-Policy (django-csp 4). Scripts and styles come from our own static files
# only. The one inline script is django-prose-editor's <script type="importmap">: its exact
# SHA-256 is added to script-src by minutes_site.csp.MinutebookCSPMiddleware. Django's admin
# templates have no style="" attributes (admin JS sets styles through the CSSOM, which CSP
# does not govern), so style-src needs no 'unsafe-inline'. The one inline style is the fixed
# base stylesheet (".ProseMirror { position: relative } ...") that Tiptap, inside
# django-prose-editor 0.28, injects as a <style> element: it is allowed by its hash. A new
# editor version may change it; the browser test
# (tests/minutes_site/test_editor_csp_browser.py) fails on any CSP violation and names the
# new hash.
EDITOR_INLINE_STYLE_HASHES = ["'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, *EDITOR_INLINE_STYLE_HASHES],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Files we serve (uploaded documents) get their own, stricter policy: nothing in them runs.
FILE_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; img-src 'self'; style-src 'self'"
# PDFs open in the browser, and Chromium's built-in viewer will not start in a sandboxed
# document. Their active content is refused at upload (agenda.publishing.pdf_safety) and generated
# PDFs carry none, so they get a policy that only stops other sites framing them.
PDF_CONTENT_SECURITY_POLICY = "frame-ancestors 'self'; object-src 'self'; base-uri 'none'"

# Logins: django-axes locks a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_LOCKOUT_CALLABLE = "minutes_site.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
if env_bool("BEHIND_TLS_PROXY", False):
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Two-factor: staff who confirm a TOTP device must use it; OTP_REQUIRED_FOR_STAFF=1 makes a
# device compulsory for every staff login (see docs/production.md).
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", False)
OTP_TOTP_ISSUER = os.environ.get("COUNCIL_SHORT_NAME", "Minutebook")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not TESTING)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
