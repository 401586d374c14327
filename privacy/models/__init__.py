"""Models of the privacy core, one module per topic (see each module's docstring)."""

from privacy.models.ledgers import (
    Acceptance,
    AppendOnlyModel,
    AppendOnlyQuerySet,
    ConsentEvent,
    DisclosureEvent,
    LedgerIsAppendOnly,
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
    "ConsentEvent",
    "CookiePartner",
    "DataRequest",
    "DisclosureEvent",
    "LedgerIsAppendOnly",
    "LegalHold",
    "LegalHoldQuerySet",
    "PolicyVersion",
    "PolicyVersionQuerySet",
    "Purpose",
    "SweepRun",
    "default_due_at",
]
