"""Settings of security: cookies, HTTPS, client addresses, rate limits, headers, cookie consent."""

from csp.constants import NONE, SELF

from .core import DATABASES, DEBUG, env

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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo database (`make run`) builds the search's covering indexes without their
    # extra columns, which only PostgreSQL reads; the warning says nothing to act on there.
    SILENCED_SYSTEM_CHECKS.append("models.W040")

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
PERMISSIONS_POLICY: dict[str, list[str]] = {
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
