"""Rate limits of the support forms, per IP address and per e-mail (or phone) address.

Counters live in the shared cache through django-ratelimit, so every web process counts
the same submissions. While Redis is down, each process keeps counting in its own memory
(portal.cache, keys under RATELIMIT_CACHE_PREFIX): the forms keep working and a flood is
still refused (the limit then holds per process: N processes let N times the rate
through). Only submissions that passed validation are counted: a flood of junk saves
nothing anyway, and a person fixing a typo should not use up their allowance.
The rates can be tuned with the SUPPORT_RATE_PER_IP and SUPPORT_RATE_PER_IDENTITY
settings (django-ratelimit notation, e.g. "10/h"), read on every call.
"""

from django.conf import settings

from privacy.limits import over_limit
from privacy.registry import normalise_email

RATE_PER_IP = "10/h"
RATE_PER_IDENTITY = "5/h"


def submission_refused(request, *, form: str, identity: str = "") -> bool:
    """Count a submission of `form`; return whether it is over a limit and must be refused.

    `identity` is who the submission is from: an e-mail address, or a phone number for a
    callback, so that one address cannot be used to flood from many IP addresses.
    """
    return over_limit(
        request,
        group=f"support.{form}",
        per_ip=getattr(settings, "SUPPORT_RATE_PER_IP", RATE_PER_IP),
        identity=normalise_email(str(identity or "")),
        per_identity=getattr(settings, "SUPPORT_RATE_PER_IDENTITY", RATE_PER_IDENTITY),
    )
