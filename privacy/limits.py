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


def over_limit(request, *, group: str, per_ip: str, identity: str = "", per_identity: str = ""):
    """Count one submission of `group` per IP address and per `identity`; return whether
    either count is over its rate (django-ratelimit notation, e.g. "10/h").

    `identity` is who the submission names (an e-mail address, a phone number), so that one
    address cannot be flooded from many IP addresses; without one only the IP counts. The
    one rule of the portal's forms that send e-mail or reach staff (privacy, support, orders).
    """
    if is_ratelimited(request, group=f"{group}.ip", key="ip", rate=per_ip, increment=True):
        return True
    if not identity:
        return False
    return is_ratelimited(
        request,
        group=f"{group}.identity",
        key=lambda _group, _request: identity,
        rate=per_identity,
        increment=True,
    )


def data_request_refused(request, *, email: str) -> bool:
    """Count a data request for `email`; return whether it is over a limit (or uncounted)."""
    try:
        return over_limit(
            request,
            group="privacy.request",
            per_ip=getattr(settings, "PRIVACY_REQUEST_RATE_PER_IP", RATE_PER_IP),
            identity=normalise_email(email),
            per_identity=getattr(settings, "PRIVACY_REQUEST_RATE_PER_ADDRESS", RATE_PER_ADDRESS),
        )
    except Exception:  # the shared cache is down: refuse rather than mail unchecked
        logger.warning("Rate limit of the data-request form unavailable; refusing.")
        return True
