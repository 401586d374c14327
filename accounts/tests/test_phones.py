"""Phones are written for reading, the Kazakhstan way, in one place (accounts.phones)."""

import phonenumbers
import pytest
from django.template import Context, Template

from accounts.phones import phone_format, phone_uri


@pytest.mark.parametrize(
    "value",
    ["+77011234567", "87011234567", "+7 701 123 4567", phonenumbers.parse("+77011234567")],
)
def test_a_kazakhstan_number_reads_plus_seven_then_three_three_two_two(value):
    assert phone_format(value) == "+7 701 123 45 67"


def test_a_landline_of_kazakhstan_is_grouped_the_same_way():
    assert phone_format("+77172554433") == "+7 717 255 44 33"


def test_another_countrys_number_keeps_the_international_format():
    assert phone_format("+4915112345678") == "+49 1511 2345678"


def test_empty_and_unparseable_values_are_shown_as_they_are():
    assert phone_format("") == ""
    assert phone_format(None) == ""
    assert phone_format("call the office") == "call the office"


def test_the_filters_give_the_text_and_the_link():
    template = Template('{% load phones %}<a href="{{ p|phone_link }}">{{ p|phone }}</a>')

    html = template.render(Context({"p": "+77011234567"}))

    assert html == '<a href="tel:+77011234567">+7 701 123 45 67</a>'
    assert phone_uri("junk") == ""
