"""The core of the settings: the environment, the apps, requests, the database, languages and files.

Read first by portal.settings; the other parts import what they need from here.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# A development key is only acceptable while debugging on a developer's machine.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(required when DJANGO_DEBUG is off)."
        )
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"

# The portal's address, for links in e-mails sent outside a request (by Celery tasks).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Without ALLOWED_HOSTS the portal answers only at the host of its own address (SITE_URL).
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost"] if DEBUG else [urlsplit(SITE_URL).hostname],
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Translated fields of the portal's own legal texts (privacy/translation.py); it must
    # come before the admin to patch its forms.
    "modeltranslation",
    # django.contrib.admin with the portal's site: allauth sign-in and a second factor.
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Django's form and widget templates, found by the project's FORM_RENDERER below.
    "django.forms",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    # /sitemap.xml (portal/seo/sitemaps.py); without the sites framework: the request's host.
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    # Two-factor authentication (TOTP and recovery codes): required of staff for the admin.
    "allauth.mfa",
    # Records each user's sessions, so that closing or erasing an account ends them all.
    "allauth.usersessions",
    "cookie_consent",
    "phonenumber_field",
    "csp",
    "post_office",
    # The project's apps, lowest in the dependency order first.
    "outbox",
    "privacy",
    "accounts",
    "listings",
    "orders",
    "deals",
    "support",
    "mailings",
    "portal",
]

# --- Compression ------------------------------------------------------------------------
# Pages are compressed by the portal (GZipMiddleware) unless COMPRESS_HTML=0, for a front
# server that compresses them itself. BREACH (recovering a secret from the compressed
# length of HTTPS answers into which the attacker reflects guesses): the secret on most
# pages, the CSRF token, is masked with a fresh random mask in every response, so it never
# repeats between answers, and Django's GZipMiddleware adds random padding to each
# compressed answer ("Heal the Breach"), which blurs the length of the rest.
COMPRESS_HTML = env.bool("COMPRESS_HTML", default=True)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (settings/security.py, "Security headers").
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Links in e-mails written during a request go to its host (privacy/links.py).
    "privacy.links.CurrentRequestMiddleware",
    # Compresses pages and JSON (whitenoise, above, answers static files itself, from files
    # compressed at collectstatic). It must stay above every middleware that reads or
    # writes the body: those above it only set headers. See "Compression" above.
    *(["django.middleware.gzip.GZipMiddleware"] if COMPRESS_HTML else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, except that an unprefixed URL keeps the visitor's language (portal/i18n.py).
    "portal.i18n.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.LastInteractionMiddleware",
    "cookie_consent.middleware.CleanCookiesMiddleware",
    "privacy.middleware.PolicyReconsentMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.operator",
                "portal.context_processors.seller_desk",
                "orders.context_processors.header",
            ],
        },
    },
]
# Forms render with the templates above; each field through templates/forms/field.html
# (`{{ form.name.as_field_group }}`): its label, help and errors next to it, in one place.
FORM_RENDERER = "portal.forms.FormRenderer"

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections with health checks measured faster than psycopg's pool on
    # this workload (bench/db_connections.py; figures in README.md, "Performance").
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: the portal's queries are short, and a plan that looks expensive
    # (a price-sorted search at 10M listings) spent tens of milliseconds compiling itself.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    if env.bool("DB_POOL", default=False):
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {"min_size": 2, "max_size": 8}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Languages and time -----------------------------------------------------------------
LANGUAGE_CODE = env.str("DJANGO_LANGUAGE_CODE", default="ru")
LANGUAGES = [("ru", _("Russian")), ("kk", _("Kazakh")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers per language (portal/formats/<lang>/formats.py): Django has no Kazakh
# formats, and its Russian date ends in "г.", which doubled a sentence's full stop.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Almaty")
USE_I18N = True
USE_TZ = True
# Legal texts written by staff (policy, user agreement, posting rules) are stored in every
# language (django-modeltranslation); Russian is required, a missing language falls back to
# it, and a text that exists only in English (policy version 1) is still shown.
MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
MODELTRANSLATION_LANGUAGES = ("ru", "kk", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ru", "en")

# --- Static and media files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Media are served by the portal itself only where no front server does it (dev, tests).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "portal.storage.StaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Phone numbers ----------------------------------------------------------------------
PHONENUMBER_DEFAULT_REGION = "KZ"
PHONENUMBER_DB_FORMAT = "E164"


# --- Logging ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
