"""Amounts of money in tenge, written the way each language writes them: the one home of
the rule (listings show prices; orders, carts and e-mails show sums and totals).

- Groups of three digits with the language's separator: a no-break space in Russian and
  Kazakh («9 090 000 ₸»), a comma in English («9,090,000 ₸»); the separators come from the
  formats modules (portal/formats), like every other number on the portal.
- Whole tenge without decimals; otherwise two, after the language's decimal sign
  («9 500 000,50 ₸»).
- The sign after the amount, joined by a no-break space so it never wraps alone.

Documents (the invoice) always show two decimals and write the currency in words, and a
message that already says «₸» takes the number alone: `cents` and `sign` ask for that.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import formats, translation

CURRENCY_SIGN = "₸"
_CENT = Decimal("0.01")


def money_format(
    amount, *, language: str | None = None, cents: bool = False, sign: bool = True
) -> str:
    """Return `amount` (a number of tenge) written for `language` (default: the active one).

    Return "" for None or a value that is not a number: nothing is shown rather than junk.
    """
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount)).quantize(_CENT)
    except (InvalidOperation, ValueError):
        return ""
    decimals = 0 if value == value.to_integral_value() and not cents else 2
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        number = formats.number_format(value, decimal_pos=decimals, force_grouping=True)
    return f"{number}\xa0{CURRENCY_SIGN}" if sign else number
