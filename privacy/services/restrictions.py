"""Restriction of processing: a person's data is kept but used for nothing new.

While restricted (the newest RestrictionEvent of the person restricts), their data is not
used for marketing, analytics or new disclosures; the rest of the code asks
`privacy.selectors.subject_is_restricted`. Staff lift it; both steps are in the ledger.
"""

from privacy.hashing import email_hash
from privacy.models import RestrictionEvent


def restriction_record(*, action, user=None, email="", data_request=None, actor=None):
    """Append a restriction (or its lifting) to the ledger for a user or a guest."""
    return RestrictionEvent.objects.create(
        user=user,
        subject_hash="" if user is not None else email_hash(email),
        action=action,
        data_request=data_request,
        actor=actor,
    )


def restriction_lift(*, user=None, email="", actor) -> RestrictionEvent:
    """Lift a person's restriction (staff, once the reason for it is settled)."""
    return restriction_record(
        action=RestrictionEvent.Action.LIFT, user=user, email=email, actor=actor
    )
