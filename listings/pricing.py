"""Wholesale prices written as text, the one notation of the listing form and the import.

"10: 95000; 100: 90 000,50" means: from 10 units on, 95,000 ₸ a unit; from 100 units on,
90,000.50 ₸. Spreadsheets write amounts with spaces between thousands and a decimal comma
(Russian locale) or a decimal point; both are read here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from portal.errors import ShownError

MAX_TIERS = 5
MAX_PRICE = Decimal("999999999999.99")  # the DecimalField(14, 2) of prices

TIERS_FORMAT = _(
    "Write wholesale prices as “from quantity: price”, separated by semicolons, "
    "for example “10: 95000; 100: 90000”."
)
TIERS_TOO_MANY = _("At most %(max)d wholesale prices.")
TIERS_ABOVE_MINIMUM = _(
    "A wholesale price starts above the minimum order (%(min)s): “from %(from)s” does not."
)
TIERS_REPEATED = _("Each quantity can have one wholesale price: %(from)s is repeated.")
TIERS_ON_REQUEST = _("A listing with the price on request has no wholesale prices.")

_SPACES = re.compile(r"[\s\u00a0\u202f']")


class TierError(ShownError, ValueError):
    """Tiers that cannot be read; `message` is shown to the seller."""


@dataclass(frozen=True)
class Tier:
    min_quantity: int
    price: Decimal


def parse_amount(value) -> Decimal | None:
    """Return an amount of tenge from a cell or a form ("1 250 000,50", 95000.0), or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    else:
        text = _SPACES.sub("", str(value)).replace(",", ".").removesuffix("₸")
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            return None
    if not amount.is_finite() or amount < 0 or amount > MAX_PRICE:
        return None
    return amount.quantize(Decimal("0.01"))


def parse_tiers(text: str, *, min_order: int = 1) -> list[Tier]:
    """Return the tiers written in `text` (empty text: none), or raise TierError."""
    text = (text or "").strip().strip(";")
    if not text:
        return []
    tiers = []
    for part in text.split(";"):
        quantity_text, separator, price_text = part.partition(":")
        price = parse_amount(price_text)
        if not separator or not quantity_text.strip().isdigit() or price is None:
            raise TierError(TIERS_FORMAT)
        tiers.append(Tier(int(quantity_text.strip()), price))
    return check_tiers(tiers, min_order=min_order)


def check_tiers(tiers: list[Tier], *, min_order: int) -> list[Tier]:
    """Return the tiers sorted by quantity, or raise TierError for the first broken rule."""
    if len(tiers) > MAX_TIERS:
        raise TierError(TIERS_TOO_MANY % {"max": MAX_TIERS})
    seen = set()
    for tier in tiers:
        if tier.min_quantity <= min_order:
            raise TierError(TIERS_ABOVE_MINIMUM % {"min": min_order, "from": tier.min_quantity})
        if tier.min_quantity in seen:
            raise TierError(TIERS_REPEATED % {"from": tier.min_quantity})
        seen.add(tier.min_quantity)
    return sorted(tiers, key=lambda tier: tier.min_quantity)


def format_amount(amount: Decimal) -> str:
    """Return an amount as the notation writes it: no thousands separator, "." decimals."""
    return f"{amount:f}".removesuffix(".00")


def format_tiers(tiers) -> str:
    """Return tiers (PriceTier rows or Tier values) in the notation `parse_tiers` reads."""
    return "; ".join(f"{t.min_quantity}: {format_amount(t.price)}" for t in tiers)
