"""The erased-address marker: one home (outbox.erased), recognised wherever it is written."""

import pytest

from outbox.erased import ERASED_EMAIL, is_erased_email


@pytest.mark.parametrize(
    ("address", "erased"),
    [
        (ERASED_EMAIL, True),
        ("erased-12@invalid", True),
        ("someone@mail.invalid", True),
        ("erased@invalid.kz", False),
        ("invalid@mail.kz", False),
    ],
)
def test_an_address_under_the_reserved_domain_is_erased(address, erased):
    assert is_erased_email(address) is erased
