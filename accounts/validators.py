"""Validators of Kazakhstan's identification numbers, bank details and phone numbers.

No maintained library checks a BIN (business identification number) or an IIN
(individual identification number), so the algorithm lives here, once. Both are twelve
digits whose last digit is a check digit: the weighted sum of the first eleven digits
modulo 11, with weights 1..11, and, where that gives 10, weights 3..11, 1, 2; a second 10
means the number cannot be valid.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BIN_LENGTH_MESSAGE = _("A BIN has exactly 12 digits.")
BIN_DIGITS_MESSAGE = _("A BIN contains digits only.")
BIN_CHECKSUM_MESSAGE = _("This BIN is not valid: its check digit does not match.")
BIN_FORMAT_MESSAGE = _(
    "This is not a BIN of a legal entity: check the registration month and type."
)

_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
# The fifth digit of a BIN names the kind of entity: 4 resident legal entity,
# 5 non-resident legal entity, 6 joint individual entrepreneurship.
_BIN_ENTITY_KINDS = "456"


def check_digit(first_eleven: str) -> int | None:
    """Return the check digit for eleven digits, or None when no digit can be valid."""
    digits = [int(c) for c in first_eleven]
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


# Fullwidth digits are what an East Asian input method types for 0-9: the digits meant.
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def bin_normalise(value: str) -> str:
    """Return a BIN as the person meant it: without spaces, fullwidth digits made ASCII.

    Other digits (Arabic-Indic, superscripts...) are left for `validate_bin` to refuse.
    """
    return "".join(str(value).split()).translate(_FULLWIDTH_DIGITS)


def validate_bin(value: str) -> None:
    """Raise ValidationError unless `value` is a well-formed BIN with a valid check digit."""
    # ASCII only: `isdigit` alone takes "٢" and "²", so that the same BIN written in other
    # digits would pass as a second company (and int() fails on a superscript).
    if not (value.isascii() and value.isdigit()):
        raise ValidationError(BIN_DIGITS_MESSAGE, code="bin_digits")
    if len(value) != 12:
        raise ValidationError(BIN_LENGTH_MESSAGE, code="bin_length")
    month = int(value[2:4])
    if not 1 <= month <= 12 or value[4] not in _BIN_ENTITY_KINDS:
        raise ValidationError(BIN_FORMAT_MESSAGE, code="bin_format")
    if check_digit(value[:11]) != int(value[11]):
        raise ValidationError(BIN_CHECKSUM_MESSAGE, code="bin_checksum")


IBAN_FORMAT_MESSAGE = _(
    "An account of a Kazakhstan bank (IBAN) is KZ, 2 check digits and 16 letters or digits, "
    "for example KZ86 125K ZT50 0410 0100."
)
IBAN_CHECKSUM_MESSAGE = _("This IBAN is not valid: its check digits do not match.")
BIC_FORMAT_MESSAGE = _(
    "A bank BIC is 8 or 11 letters and digits with KZ in 5th and 6th place, for example HSBKKZKX."
)
TELEGRAM_FORMAT_MESSAGE = _(
    "Enter a Telegram username: 5 to 32 Latin letters, digits or underscores, e.g. @agro_kz."
)

_IBAN_RE = re.compile(r"KZ[0-9]{2}[0-9A-Z]{16}")
_BIC_RE = re.compile(r"[A-Z]{4}KZ[A-Z0-9]{2}([A-Z0-9]{3})?")
_TELEGRAM_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")


def normalise_iban(value: str) -> str:
    """Return the IBAN without spaces, in capitals (as printed in groups of four or not)."""
    return "".join((value or "").split()).upper()


def validate_kz_iban(value: str) -> None:
    """Raise ValidationError unless `value` is a Kazakhstan IBAN with valid check digits.

    ISO 13616: move the country code and check digits to the end, turn letters into
    numbers (A=10 ... Z=35); the whole number modulo 97 (ISO 7064 MOD 97-10) must be 1.
    """
    iban = normalise_iban(value)
    if not _IBAN_RE.fullmatch(iban):
        raise ValidationError(IBAN_FORMAT_MESSAGE, code="iban_format")
    rearranged = iban[4:] + iban[:4]
    number = int("".join(str(int(c, 36)) for c in rearranged))
    if number % 97 != 1:
        raise ValidationError(IBAN_CHECKSUM_MESSAGE, code="iban_checksum")


def validate_kz_bic(value: str) -> None:
    """Raise ValidationError unless `value` is a BIC (SWIFT code) of a bank in Kazakhstan."""
    if not _BIC_RE.fullmatch((value or "").strip().upper()):
        raise ValidationError(BIC_FORMAT_MESSAGE, code="bic_format")


def validate_telegram(value: str) -> None:
    if not _TELEGRAM_RE.fullmatch((value or "").strip().lstrip("@")):
        raise ValidationError(TELEGRAM_FORMAT_MESSAGE, code="telegram_format")


PHONE_INVALID_MESSAGE = _("Enter a valid phone number, for example +7 701 234 5678.")
PHONE_NOT_KZ_MESSAGE = _("Enter a Kazakhstan phone number: +7 followed by 10 digits (6xx or 7xx).")


def validate_kz_phone(value) -> None:
    """Raise ValidationError unless `value` (a PhoneNumber) is a valid number of Kazakhstan.

    Kazakhstan shares the country code +7 with Russia, so a valid +7 number is not enough:
    the number has to belong to Kazakhstan's numbering plan.
    """
    if not isinstance(value, phonenumbers.PhoneNumber) or not phonenumbers.is_valid_number(value):
        raise ValidationError(PHONE_INVALID_MESSAGE, code="phone_invalid")
    if not phonenumbers.is_valid_number_for_region(value, "KZ"):
        raise ValidationError(PHONE_NOT_KZ_MESSAGE, code="phone_not_kz")
