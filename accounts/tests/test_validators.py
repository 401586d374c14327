import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import valid_bin
from accounts.validators import (
    BIN_CHECKSUM_MESSAGE,
    BIN_DIGITS_MESSAGE,
    BIN_FORMAT_MESSAGE,
    BIN_LENGTH_MESSAGE,
    check_digit,
    validate_bin,
)


@pytest.mark.parametrize(
    "value",
    [
        "200140000103",  # resident legal entity registered in January 2020
        "190440000000",  # a check digit of 0
        "181240001200",  # December 2018
        valid_bin(7),
    ],
)
def test_valid_bins_pass(value):
    validate_bin(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("200140000104", BIN_CHECKSUM_MESSAGE),  # last digit changed
        ("200140000130", BIN_CHECKSUM_MESSAGE),  # two digits swapped
        ("20014000010", BIN_LENGTH_MESSAGE),
        ("2001400001033", BIN_LENGTH_MESSAGE),
        ("20014000010A", BIN_DIGITS_MESSAGE),
        ("2001 4000010", BIN_DIGITS_MESSAGE),
        ("201340000103", BIN_FORMAT_MESSAGE),  # month 13
        ("200110000103", BIN_FORMAT_MESSAGE),  # fifth digit 1 is not a legal entity
    ],
)
def test_invalid_bins_are_refused_with_a_clear_message(value, message):
    with pytest.raises(ValidationError) as error:
        validate_bin(value)

    assert error.value.messages == [str(message)]


def test_check_digit_uses_the_second_weights_when_the_first_give_ten():
    first, second = range(1, 12), (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

    def weighted(digits, weights):
        return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11

    candidates = (f"{n:011d}" for n in range(10**10, 10**10 + 10_000))
    needs_second = [d for d in candidates if weighted(d, first) == 10]

    assert needs_second
    for digits in needs_second[:50]:
        expected = weighted(digits, second)
        assert check_digit(digits) == (None if expected == 10 else expected)
