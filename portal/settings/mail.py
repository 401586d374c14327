"""Settings of e-mail: the mail server, the outbox (django-post-office) and mailings."""

from .core import env
from .legal import OPERATOR_EMAIL

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


# Mailings (mailings/): campaign e-mails are queued at most this many a minute, in batches;
# a delivery record (who got which campaign, when) is kept this long as proof, then deleted.
MAILING_RATE_PER_MINUTE = env.int("MAILING_RATE_PER_MINUTE", default=1000)
MAILING_DELIVERY_RETENTION_DAYS = env.int("MAILING_DELIVERY_RETENTION_DAYS", default=3 * 365)
# The address in every campaign's List-Unsubscribe header (mailto); staff read it.
MAILING_UNSUBSCRIBE_EMAIL = env.str("MAILING_UNSUBSCRIBE_EMAIL", default=OPERATOR_EMAIL)
