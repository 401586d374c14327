"""The kinds of e-mail a person may choose, and those the law or a contract requires."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import NotificationKind, NotificationPreference

Delivery = NotificationPreference.Delivery
Kind = NotificationKind


@dataclass(frozen=True)
class KindInfo:
    code: str
    label: Promise
    help: Promise
    default: str = Delivery.NOW
    # Whether it may wait for the daily digest (news and the weekly digest cannot).
    digestible: bool = False
    # Why it cannot be switched off; empty for the kinds a person chooses.
    required_because: Promise | str = ""
    # Sent only with a consent to marketing mailings, whatever the choice here.
    needs_marketing_consent: bool = False

    @property
    def required(self) -> bool:
        return bool(self.required_because)

    @property
    def deliveries(self) -> list[tuple[str, Promise]]:
        """Return the choices a person has for this kind, as (value, label)."""
        if self.digestible:
            return list(Delivery.choices)
        return [(Delivery.NOW, _("On")), (Delivery.OFF, _("Off"))]


OPTIONAL = (
    KindInfo(
        Kind.NEW_MESSAGE,
        Kind.NEW_MESSAGE.label,
        _("Messages from buyers and sellers about orders, questions and requests."),
        digestible=True,
    ),
    KindInfo(
        Kind.ORDER_STATUS,
        Kind.ORDER_STATUS.label,
        _("When an order of yours is shipped or completed."),
        digestible=True,
    ),
    KindInfo(
        Kind.QUOTES,
        Kind.QUOTES.label,
        _("Quotes on your requests, counter-offers and their answers."),
        digestible=True,
    ),
    KindInfo(
        Kind.LISTINGS_DIGEST,
        Kind.LISTINGS_DIGEST.label,
        _("Once a week, the new listings in the categories you follow."),
        default=Delivery.OFF,
        needs_marketing_consent=True,
    ),
    KindInfo(
        Kind.NEWS,
        Kind.NEWS.label,
        _("News of Dala Market and offers of its sellers, a few times a month."),
        needs_marketing_consent=True,
    ),
)
REQUIRED = (
    KindInfo(
        Kind.ORDER_CONFIRMATION,
        Kind.ORDER_CONFIRMATION.label,
        _("Your order, its final price and conditions, or its cancellation."),
        required_because=_(
            "They confirm a contract you enter into: you must know what you ordered, at what "
            "price and on which conditions."
        ),
    ),
    KindInfo(
        Kind.DATA_REQUEST,
        Kind.DATA_REQUEST.label,
        _("Exports of your data, erasures and other requests about your personal data."),
        required_because=_("The law on personal data requires us to answer your requests."),
    ),
    KindInfo(
        Kind.SECURITY,
        Kind.SECURITY.label,
        _("Sign-in codes, password changes, changes to the legal texts you accepted."),
        required_because=_(
            "They protect your account: you must learn at once of a change you did not make."
        ),
    ),
)
KINDS = {info.code: info for info in OPTIONAL + REQUIRED}
