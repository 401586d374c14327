"""Reads of accounts."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from privacy.export import subject_export
from privacy.models import ConsentEvent, Purpose
from privacy.registry import Subjects
from privacy.selectors import (
    consent_current,
    consent_given,
    consent_history,
    disclosure_list,
    purpose_list,
)


def email_verified(user) -> bool:
    """Return whether the user has confirmed their primary e-mail address."""
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


# The header's summary of a seller's desk (orders.selectors.seller_summary_get) is cached
# per user under this key. It is named here because becoming a seller (accounts) must forget
# it at once: the new seller's next page already shows the "Seller" menu.
SELLER_SUMMARY_CACHE_SECONDS = 60


def seller_summary_cache_key(user_id: int) -> str:
    return f"accounts:seller-summary:{user_id}"


def company_of(user):
    """Return the user's company, or None for a buyer without one."""
    if not user.is_authenticated:
        return None
    return getattr(user, "company", None)


@dataclass(frozen=True)
class ConsentRow:
    """One purpose on the Personal Account's privacy page, with the person's current choice."""

    purpose: Purpose
    event: ConsentEvent | None

    @property
    def granted(self) -> bool:
        return self.event is not None and self.event.granted

    @property
    def changeable(self) -> bool:
        """Whether the person may simply grant or withdraw it (optional, consent-based)."""
        return self.purpose.changeable


def consent_overview(*, user) -> list[ConsentRow]:
    """Return every purpose with the user's current consent (derived from the ledger)."""
    current = consent_current(user=user)
    return [ConsentRow(purpose=p, event=current.get(p.code)) for p in purpose_list()]


def consent_history_recent(*, user, limit: int = 100):
    """Return the user's latest consent events, newest first (bounded for the page)."""
    return consent_history(user=user).order_by("-created_at", "-pk")[:limit]


def disclosure_recent(*, user, limit: int = 100):
    """Return the latest disclosures of the user's data, newest first (bounded)."""
    return disclosure_list(user=user).order_by("-created_at", "-pk")[:limit]


def purpose_titles() -> dict[str, str]:
    """Return each purpose's name in the active language, by code (one query)."""
    return {purpose.code: purpose.title for purpose in purpose_list()}


def subject_data(*, user) -> dict:
    """Return everything the registry's sources hold about the user, keyed by source.

    The subject is the user and the e-mail they signed in with: rows they left as a guest
    under that (verified) address are theirs too. Secrets never appear, because no source
    declares them.
    """
    return subject_export(subjects=Subjects.of(user_ids=[user.pk], emails=[user.email]))


def notification_required_kinds():
    """Return the kinds of e-mail that cannot be switched off, each with its reason."""
    from accounts.notifications.kinds import REQUIRED

    return REQUIRED


def marketing_consent_given(*, user) -> bool:
    """Return whether the user consents to marketing mailings now (the ledger decides)."""
    return consent_given(purpose=Purpose.MARKETING, user=user)
