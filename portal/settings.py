"""Settings of the portal: one module, every value from the environment.

Every variable is documented in `.env.example`. Development (`make run`) sets
DJANGO_DEBUG=1 and nothing else; tests set DATABASE_URL and REDIS_URL (pytest.ini);
production sets everything explicitly.
"""

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

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
    # Content-Security-Policy and Permissions-Policy ("Security headers" below).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Links in e-mails written during a request go to its host (privacy/links.py).
    "privacy.links.CurrentRequestMiddleware",
    # Compresses pages and JSON (whitenoise, above, answers static files itself, from files
    # compressed at collectstatic). It must stay above every middleware that reads or
    # writes the body: those above it only set headers. See "Compression" below.
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

# --- Cache and Celery -------------------------------------------------------------------
# Without REDIS_URL the portal runs self-contained: tasks run inline, cache in memory.
REDIS_URL = env.str("REDIS_URL", default="")
# Seconds a process works without Redis after a failure before trying it again
# (portal.breaker); socket timeouts of the cache, in seconds.
REDIS_BREAKER_SECONDS = env.float("REDIS_BREAKER_SECONDS", default=5.0)
REDIS_CONNECT_TIMEOUT = env.float("REDIS_CONNECT_TIMEOUT", default=0.25)
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=0.5)
# Rate-limit counters of allauth ("allauth:rl:") and django-ratelimit (RATELIMIT_CACHE_PREFIX):
# kept per process while Redis is down (portal.cache), so a limit still holds.
RATELIMIT_CACHE_PREFIX = "rl:"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
                "COUNTER_PREFIXES": ("allauth:rl:", RATELIMIT_CACHE_PREFIX),
            },
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    # Only for the few callers that ask for a result (tests); every task ignores its result
    # unless asked (CELERY_TASK_IGNORE_RESULT), so publishing never waits on this backend.
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
# Per process, entries at most a minute old: small data every page reads (cookie groups).
CACHES["local"] = {
    "BACKEND": "portal.cache.ShortLivedLocMemCache",
    "OPTIONS": {"MAX_AGE": 60},
}
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Almaty"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
# Publishing must not hang a web request when the broker is down: connect briefly, never
# retry (portal.celery's breaker then skips publishing for a while), and let the caller
# keep what it publishes in the database for a periodic job (orders are saved whatever the
# broker does). Workers reconnect on their own.
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_CONNECT_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 0,
    "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
    "socket_timeout": REDIS_SOCKET_TIMEOUT,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_CONNECT_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = REDIS_SOCKET_TIMEOUT
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "sessions-clear-daily": {
        "task": "portal.tasks.sessions_clear",
        "schedule": crontab(hour=4, minute=30),
    },
    # CELERY_TIMEZONE is Asia/Almaty, so this is 03:00 in Almaty.
    "privacy-retention-sweep": {
        "task": "privacy.tasks.retention_sweep_task",
        "schedule": crontab(hour=3, minute=0),
    },
    # E-mails about a new policy or terms version whose task never ran (broker down).
    "privacy-legal-announcements-resume": {
        "task": "privacy.tasks.legal_announcements_resume_task",
        "schedule": 15 * 60,
    },
    "privacy-data-requests-resume": {
        "task": "privacy.tasks.data_requests_resume_task",
        "schedule": 15 * 60,
    },
    # The privacy officer's digest: requests due within 7 days, overdue ones and breaches.
    "privacy-digest-daily": {
        "task": "privacy.tasks.privacy_digest_task",
        "schedule": crontab(hour=8, minute=30),
    },
    # The outbox: e-mails not sent yet (the broker or the mail server was down) are sent.
    "outbox-drain": {
        "task": "outbox.tasks.outbox_drain_task",
        "schedule": 60,
    },
    # Requests for quotation close at their needed-by date; sellers' daily digest of them.
    "deals-requests-expire": {
        "task": "deals.tasks.requests_expire_task",
        "schedule": crontab(hour=0, minute=15),
    },
    "deals-digest-daily": {
        "task": "deals.tasks.digest_send_task",
        "schedule": crontab(hour=8, minute=0),
    },
    # E-mails are personal data: the outbox keeps them OUTBOX_RETENTION_DAYS.
    "outbox-purge": {
        "task": "outbox.tasks.outbox_purge_task",
        "schedule": crontab(hour=3, minute=45),
    },
    # Mailings: scheduled campaigns start, stalled ones carry on (a batch is never sent
    # twice); outcomes are copied from the outbox; deliveries past their proof period go.
    "mailings-campaigns-resume": {
        "task": "mailings.tasks.campaigns_resume_task",
        "schedule": 60,
    },
    "mailings-deliveries-settle": {
        "task": "mailings.tasks.deliveries_settle_task",
        "schedule": 5 * 60,
    },
    "mailings-deliveries-purge": {
        "task": "mailings.tasks.deliveries_purge_task",
        "schedule": crontab(hour=4, minute=15),
    },
    # The weekly digest of new listings in the categories people follow: Mondays, 09:00.
    "mailings-listings-digest": {
        "task": "mailings.tasks.listings_digest_task",
        "schedule": crontab(hour=9, minute=0, day_of_week=1),
    },
    # Notifications a person chose to get once a day.
    "accounts-notification-digest": {
        "task": "accounts.tasks.notification_digest_task",
        "schedule": crontab(hour=8, minute=30),
    },
    # Guests' callback requests carry no e-mail, so the sweep cannot find them by it.
    "support-callbacks-purge": {
        "task": "support.tasks.callbacks_purge_guests_task",
        "schedule": crontab(hour=3, minute=30),
    },
}

# --- Authentication (django-allauth: e-mail is the login, no usernames) ----------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- Password hashing -------------------------------------------------------------------
# Production keeps Django's default (PBKDF2, deliberately slow). The test suite sets
# PASSWORD_HASHER_FAST_FOR_TESTS=1 (pytest.ini): every factory user and every sign-in in a
# test would otherwise spend ~0.3 s of CPU hashing. Never set it anywhere else.
if env.bool("PASSWORD_HASHER_FAST_FOR_TESTS", default=False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS_ENABLED = env.bool("ACCOUNT_RATE_LIMITS_ENABLED", default=True)
if not ACCOUNT_RATE_LIMITS_ENABLED:
    ACCOUNT_RATE_LIMITS = False
# URL names, not paths: reversed in the visitor's language, so /kk/ visitors stay on /kk/.
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
LOGIN_URL = "account_login"

# --- Two-factor authentication (allauth.mfa) ------------------------------------------
# An authenticator app (TOTP) with recovery codes; no WebAuthn (it would need fido2 and
# HTTPS in every test). Anyone may turn it on in the Personal Account; staff must have it
# and pass it before the admin opens (portal/admin_site.py, accounts/mfa.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Dala Market"

# --- E-mail -----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# The portal's name in e-mails: the sender's display name, allauth's greeting and subjects.
SITE_NAME = env.str("SITE_NAME", default="Dala Market")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <no-reply@portal.kz>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail server that accepts the connection and then hangs must not hold a worker for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# The outbox (outbox.services, on django-post-office): every e-mail is a row written in the
# transaction that causes it; a worker sends it. A failed sending is tried again after
# OUTBOX_RETRY_MINUTES × 2^n (n: failures so far), at most OUTBOX_MAX_ATTEMPTS times.
POST_OFFICE = {
    "LOG_LEVEL": 2,
    "MESSAGE_ID_ENABLED": True,
    "MESSAGE_ID_FQDN": env.str("MESSAGE_ID_FQDN", default="portal.kz"),
}
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=10)
OUTBOX_RETRY_MINUTES = env.float("OUTBOX_RETRY_MINUTES", default=1.0)
# Sent and failed e-mails (addresses and texts: personal data) are deleted after this.
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=90)

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

# --- Security ---------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind a load balancer every request comes from its address: name the header in which
# the proxy passes the client's (e.g. HTTP_X_REAL_IP). Consent records and rate limits use it.
CLIENT_IP_META_KEY = env.str("CLIENT_IP_META_KEY", default="REMOTE_ADDR")
RATELIMIT_IP_META_KEY = CLIENT_IP_META_KEY
SUPPORT_RATE_PER_IP = env.str("SUPPORT_RATE_PER_IP", default="10/h")
SUPPORT_RATE_PER_IDENTITY = env.str("SUPPORT_RATE_PER_IDENTITY", default="5/h")
# The data-request form mails a confirmation to the address typed in (privacy/limits.py).
PRIVACY_REQUEST_RATE_PER_IP = env.str("PRIVACY_REQUEST_RATE_PER_IP", default="10/h")
PRIVACY_REQUEST_RATE_PER_ADDRESS = env.str("PRIVACY_REQUEST_RATE_PER_ADDRESS", default="3/h")
# The form that mails a guest their order link again (orders/lookup.py).
ORDER_LINK_RATE_PER_IP = env.str("ORDER_LINK_RATE_PER_IP", default="10/h")
ORDER_LINK_RATE_PER_EMAIL = env.str("ORDER_LINK_RATE_PER_EMAIL", default="3/h")
# "Show contacts" of sellers, per IP address: enough to compare sellers, not to scrape them.
CONTACTS_RATE_PER_IP = env.str("CONTACTS_RATE_PER_IP", default="30/h")
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])

# --- Security headers: CSP, Referrer, Permissions, Cross-Origin-Opener ------------------
# Every script and style is a file the portal serves itself (static/js, static/css): no
# inline <script>, no style="" attribute, no on* handler, in the portal's templates or in
# the admin (Django 5.2's admin has none). So the policy can be strict, and an injected
# script or style has nowhere to run from. Browser tests fail on any violation (conftest.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Links to other sites carry no path or query (search terms, order ids) of ours.
SECURE_REFERRER_POLICY = "same-origin"
# A window this portal opens, or that opens it, cannot reach the other's document.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Nothing on the portal needs the camera, a microphone, the position or payments API.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# --- Cookie consent (django-cookie-consent) --------------------------------------------
COOKIE_CONSENT_NAME = "cookie_consent"
COOKIE_CONSENT_SECURE = SESSION_COOKIE_SECURE
COOKIE_CONSENT_LOG_ENABLED = False  # the privacy consent ledger is the record of choices
COOKIE_CONSENT_SUCCESS_URL = "/cookies/"
# Every page reads the cookie groups (middleware and banner): a per-process copy, at most a
# minute old, instead of two round trips to the shared cache per request.
COOKIE_CONSENT_CACHE_BACKEND = "local"

# --- Search -----------------------------------------------------------------------------
# Seconds a rendered search page is shared between visitors (0: off). Catalogue changes show at
# once; a deactivated seller's listings leave cached results within this time.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=30)
# Largest entry (compressed bytes) the search cache stores; a larger page is rendered each time.
SEARCH_CACHE_ENTRY_MAX_BYTES = env.int("SEARCH_CACHE_ENTRY_MAX_BYTES", default=32 * 1024)

# Seconds the home, listing and seller pages are kept in the shared cache (0: not at all);
# a change they show moves the catalogue version and shows at once (listings/page_cache.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# --- Phone numbers ----------------------------------------------------------------------
PHONENUMBER_DEFAULT_REGION = "KZ"
PHONENUMBER_DB_FORMAT = "E164"

# --- The operator and the privacy policy ------------------------------------------------
OPERATOR_NAME = env.str("OPERATOR_NAME", default="TOO «Dala Industry Portal»")
OPERATOR_BIN = env.str("OPERATOR_BIN", default="200140000103")
OPERATOR_ADDRESS = env.str(
    "OPERATOR_ADDRESS", default="Republic of Kazakhstan, Astana, Mangilik El ave. 55/20, 010000"
)
OPERATOR_EMAIL = env.str("OPERATOR_EMAIL", default="privacy@portal.kz")
PRIVACY_RETENTION_YEARS = env.int("PRIVACY_RETENTION_YEARS", default=5)
PRIVACY_REQUEST_DAYS = env.int("PRIVACY_REQUEST_DAYS", default=30)
# Threads of the retention sweep, each erasing its own batches on its own connection.
PRIVACY_SWEEP_WORKERS = env.int("PRIVACY_SWEEP_WORKERS", default=2)
# The key of the HMAC under which guests' e-mails appear in the ledgers (privacy.hashing).
# A key of its own, not SECRET_KEY: rotating that must not cut guests off their rows.
# Rotate it with `manage.py privacy_rekey` (README, "The guest key").
PRIVACY_HASH_KEY = env.str("PRIVACY_HASH_KEY", default="")
if not PRIVACY_HASH_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "PRIVACY_HASH_KEY is not set. Set it to a long random string, kept apart from "
            "SECRET_KEY (required when DJANGO_DEBUG is off)."
        )
    # Development only: derived from the development secret, stable between restarts.
    PRIVACY_HASH_KEY = hashlib.sha256(f"privacy-hash-key:{SECRET_KEY}".encode()).hexdigest()
# Who receives the daily privacy digest (data requests due or overdue, late breaches).
PRIVACY_OFFICER_EMAIL = env.str("PRIVACY_OFFICER_EMAIL", default=OPERATOR_EMAIL)
# Public holidays of Kazakhstan (ISO dates) that the breach register's business-day
# deadline skips besides weekends. The government moves them yearly: keep the list current.
PRIVACY_HOLIDAYS = env.list(
    "PRIVACY_HOLIDAYS",
    default=[
        "2026-01-01",
        "2026-01-02",
        "2026-01-07",
        "2026-03-08",
        "2026-03-20",
        "2026-03-21",
        "2026-03-22",
        "2026-03-23",
        "2026-05-01",
        "2026-05-07",
        "2026-05-09",
        "2026-05-27",
        "2026-07-06",
        "2026-08-30",
        "2026-10-25",
        "2026-12-16",
    ],
)
# Who processes personal data for the operator, and where (named in the privacy policy).
# `role` is one of privacy.processors.ROLES, `country` an ISO 3166 code: a processor
# outside Kazakhstan is shown as a cross-border transfer.
DATA_PROCESSORS = env.json(
    "DATA_PROCESSORS",
    default=[
        {"role": "hosting", "name": "TOO «Demo Cloud KZ»", "country": "KZ"},
        {"role": "mail", "name": "TOO «Demo Mail KZ»", "country": "KZ"},
    ],
)
# Users' e-mails about a new policy or terms version are sent this many at a time.
LEGAL_ANNOUNCE_BATCH = env.int("LEGAL_ANNOUNCE_BATCH", default=500)

# Mailings (mailings/): campaign e-mails are queued at most this many a minute, in batches;
# a delivery record (who got which campaign, when) is kept this long as proof, then deleted.
MAILING_RATE_PER_MINUTE = env.int("MAILING_RATE_PER_MINUTE", default=1000)
MAILING_DELIVERY_RETENTION_DAYS = env.int("MAILING_DELIVERY_RETENTION_DAYS", default=3 * 365)
# The address in every campaign's List-Unsubscribe header (mailto); staff read it.
MAILING_UNSUBSCRIBE_EMAIL = env.str("MAILING_UNSUBSCRIBE_EMAIL", default=OPERATOR_EMAIL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
