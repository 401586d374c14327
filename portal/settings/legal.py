"""Settings of the operator and its privacy rules: retention, data requests, the guest key."""

import hashlib

from django.core.exceptions import ImproperlyConfigured

from .core import DEBUG, SECRET_KEY, env

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
