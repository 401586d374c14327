"""Rate limits of the public data-request form, per IP address and per target address.

The form sends a confirmation e-mail to whatever address is typed in, so without a limit
it can flood a third party's mailbox from the portal (30 mails in 3.5 s were measured).
Counters live in the shared cache through django-ratelimit, as for the support forms;
only valid submissions count. The limit fails closed: when the counters cannot be read,
the form refuses rather than mail anyone unchecked. Rates: PRIVACY_REQUEST_RATE_PER_IP and
PRIVACY_REQUEST_RATE_PER_ADDRESS (django-ratelimit notation, e.g. "10/h"), read per call.
"""

import logging

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from privacy.registry import normalise_email

RATE_PER_IP = "10/h"
RATE_PER_ADDRESS = "3/h"

logger = logging.getLogger(__name__)


def data_request_refused(request, *, email: str) -> bool:
    """Count a data request for `email`; return whether it is over a limit (or uncounted)."""
    per_ip = getattr(settings, "PRIVACY_REQUEST_RATE_PER_IP", RATE_PER_IP)
    per_address = getattr(settings, "PRIVACY_REQUEST_RATE_PER_ADDRESS", RATE_PER_ADDRESS)
    address = normalise_email(email)
    try:
        if is_ratelimited(
            request, group="privacy.request.ip", key="ip", rate=per_ip, increment=True
        ):
            return True
        return is_ratelimited(
            request,
            group="privacy.request.address",
            key=lambda _group, _request: address,
            rate=per_address,
            increment=True,
        )
    except Exception:  # the shared cache is down: refuse rather than mail unchecked
        logger.warning("Rate limit of the data-request form unavailable; refusing.")
        return True
