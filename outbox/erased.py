"""The address written in place of an erased e-mail: the one home of that marker.

It lives here, in the lowest app, because the outbox must recognise it (no mail is queued
for it) and every app above writes or looks for it: users are anonymised to
`erased-<pk>@invalid` (unique, so the real address is free for a new sign-up), orders and
data requests to `erased@invalid`; the retention sweep and the order lookup skip them.
`invalid` is a top-level domain reserved for this (RFC 2606): mail to it is never delivered.
"""

ERASED_DOMAIN = "invalid"
ERASED_SUFFIX = f"@{ERASED_DOMAIN}"
ERASED_LOCAL_PART = "erased"
# Rows that must keep no trace of whose they were (orders, data requests).
ERASED_EMAIL = f"{ERASED_LOCAL_PART}{ERASED_SUFFIX}"


def is_erased_email(address: str) -> bool:
    """Return whether `address` is an erased one, or any other under the reserved domain."""
    domain = address.rpartition("@")[2]
    return domain == ERASED_DOMAIN or domain.endswith(f".{ERASED_DOMAIN}")
