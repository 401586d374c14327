"""Money is written the way each language writes it, in one place (listings.money)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from listings.money import money_format

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "whole", "with_tiyn"),
    [
        ("ru", f"9{NBSP}090{NBSP}000{NBSP}₸", f"9{NBSP}500{NBSP}000,50{NBSP}₸"),
        ("kk", f"9{NBSP}090{NBSP}000{NBSP}₸", f"9{NBSP}500{NBSP}000,50{NBSP}₸"),
        ("en", f"9,090,000{NBSP}₸", f"9,500,000.50{NBSP}₸"),
    ],
)
def test_amounts_have_the_languages_separators_and_no_decimals_for_whole_tenge(
    language, whole, with_tiyn
):
    assert money_format(9_090_000, language=language) == whole
    assert money_format(Decimal("9090000.00"), language=language) == whole
    assert money_format(Decimal("9500000.5"), language=language) == with_tiyn


def test_nothing_is_written_for_no_amount_or_junk():
    assert money_format(None) == ""
    assert money_format("") == ""
    assert money_format("many") == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", f"12{NBSP}600{NBSP}000{NBSP}₸"), ("kk", f"12{NBSP}600{NBSP}000{NBSP}₸"),
     ("en", f"12,600,000{NBSP}₸")],
)  # fmt: skip
def test_the_template_filter_follows_the_active_language(language, expected):
    template = Template("{% load money %}{{ amount|money }}")

    with translation.override(language):
        assert template.render(Context({"amount": Decimal("12600000.00")})) == expected


def test_small_amounts_have_no_separator():
    assert money_format(950, language="ru") == f"950{NBSP}₸"
