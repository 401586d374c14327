"""The keyed hash under which a guest's e-mail appears in the ledgers.

Guests have no account: the consent, disclosure and restriction ledgers keep an HMAC of
their normalised e-mail instead. Its key is `PRIVACY_HASH_KEY`, a key of its own rather
than `SECRET_KEY`, so that rotating the secret of sessions and signed links does not cut
every guest off their ledger rows (README, "The guest key": `manage.py privacy_rekey`).
"""

import hashlib
import hmac

from django.conf import settings

from privacy.registry import normalise_email


def email_hash(email: str, *, key: str | None = None) -> str:
    """Return the keyed hash of a guest's e-mail (under `key`, else PRIVACY_HASH_KEY)."""
    secret = (key if key is not None else settings.PRIVACY_HASH_KEY).encode()
    return hmac.new(secret, normalise_email(email).encode(), hashlib.sha256).hexdigest()
