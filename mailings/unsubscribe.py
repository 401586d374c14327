"""The unsubscribe link of every marketing e-mail, and the headers of one-click (RFC 8058).

The link carries a signed token (django.core.signing, a salt of its own, an expiry): it
names the person without an id anyone could guess or change, and works without signing
in. A forged, altered or expired token reads as None and changes nothing.
"""

import functools
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "mailings.unsubscribe"
# Long enough for an old e-mail in someone's inbox; after that the page says to sign in.
MAX_AGE = timedelta(days=180)
ONE_CLICK_FIELD = "List-Unsubscribe"
ONE_CLICK_VALUE = "One-Click"


def unsubscribe_token(*, user_id: int, campaign_id: int | None = None) -> str:
    """Return the signed token of one person (and the campaign that carried the link)."""
    payload = {"u": user_id} if campaign_id is None else {"u": user_id, "c": campaign_id}
    return signing.dumps(payload, salt=SALT, compress=True)


def unsubscribe_read(token: str) -> dict | None:
    """Return the token's payload, or None if it is forged, altered or expired."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        return None
    return payload


@functools.lru_cache(maxsize=4)
def _url_around_token(site_url: str) -> tuple[str, str]:
    # A batch builds hundreds of links: the URL is resolved once, the token put in its place.
    url = site_url.rstrip("/") + reverse("mailings:unsubscribe", args=["TOKEN"])
    before, after = url.rsplit("TOKEN", 1)
    return before, after


def unsubscribe_url(token: str) -> str:
    before, after = _url_around_token(settings.SITE_URL)
    return f"{before}{token}{after}"


def unsubscribe_headers(token: str) -> dict[str, str]:
    """Return the List-Unsubscribe headers of a marketing e-mail (RFC 2369 and RFC 8058)."""
    mailto = f"mailto:{settings.MAILING_UNSUBSCRIBE_EMAIL}?subject={quote('unsubscribe ' + token)}"
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(token)}>, <{mailto}>",
        "List-Unsubscribe-Post": f"{ONE_CLICK_FIELD}={ONE_CLICK_VALUE}",
    }
