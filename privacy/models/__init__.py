"""Models of the privacy core, one module per topic (see each module's docstring)."""

from privacy.models.authorities import AuthorityRequest
from privacy.models.breaches import Breach
from privacy.models.ledgers import (
    Acceptance,
    AppendOnlyModel,
    AppendOnlyQuerySet,
    ConsentEvent,
    DisclosureEvent,
    DisclosurePerson,
    LedgerIsAppendOnly,
    RestrictionEvent,
)
from privacy.models.purposes import CookiePartner, PolicyVersion, PolicyVersionQuerySet, Purpose
from privacy.models.requests import (
    DataRequest,
    LegalHold,
    LegalHoldQuerySet,
    SweepRun,
    default_due_at,
)

__all__ = [
    "Acceptance",
    "AppendOnlyModel",
    "AppendOnlyQuerySet",
    "AuthorityRequest",
    "Breach",
    "ConsentEvent",
    "CookiePartner",
    "DataRequest",
    "DisclosureEvent",
    "DisclosurePerson",
    "LedgerIsAppendOnly",
    "LegalHold",
    "LegalHoldQuerySet",
    "PolicyVersion",
    "PolicyVersionQuerySet",
    "Purpose",
    "RestrictionEvent",
    "SweepRun",
    "default_due_at",
]
