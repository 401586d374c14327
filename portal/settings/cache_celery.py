"""Settings of the cache (Redis or memory), Celery and its periodic jobs, and the search cache."""

from celery.schedules import crontab

from .core import env

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


# --- Search -----------------------------------------------------------------------------
# Seconds a rendered search page is shared between visitors (0: off). Catalogue changes show at
# once; a deactivated seller's listings leave cached results within this time.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=30)
# Largest entry (compressed bytes) the search cache stores; a larger page is rendered each time.
SEARCH_CACHE_ENTRY_MAX_BYTES = env.int("SEARCH_CACHE_ENTRY_MAX_BYTES", default=32 * 1024)

# Seconds the home, listing and seller pages are kept in the shared cache (0: not at all);
# a change they show moves the catalogue version and shows at once (listings/page_cache.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
