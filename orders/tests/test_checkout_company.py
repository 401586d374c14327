"""The order form's "buy as a company" part: checked BIN and IBAN, kept on the order."""

import pytest
from django.utils.html import escape

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from accounts.validators import (
    BIC_FORMAT_MESSAGE,
    BIN_CHECKSUM_MESSAGE,
    IBAN_CHECKSUM_MESSAGE,
    IBAN_FORMAT_MESSAGE,
)
from orders.forms import BUYER_IBAN_REQUIRED
from orders.models import Order
from orders.tests.conftest import send_order

pytestmark = pytest.mark.django_db

COMPANY_PART = {
    "as_company": "on",
    "buyer_bin": "200140000103",
    "buyer_legal_address": "Астана, пр. Мангилик Ел, 55/20",
    "buyer_bic": "hsbkkzkx",
    "buyer_iban": "KZ86 125K ZT50 0410 0100",
    "buyer_signatory": "Сейтказиев Нурлан, директор",
}


@pytest.fixture
def in_cart(client, listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": 2})
    return listing


def test_a_company_purchase_keeps_the_details_on_the_order(client, in_cart, order_form):
    response = send_order(client, in_cart.company, {**order_form, **COMPANY_PART})

    order = Order.objects.get()
    assert response.status_code == 302
    assert (order.buyer_bin, order.buyer_bic, order.buyer_iban) == (
        "200140000103", "HSBKKZKX", "KZ86125KZT5004100100",
    )  # fmt: skip
    assert order.buyer_signatory == "Сейтказиев Нурлан, директор"
    assert order.is_company_purchase


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("buyer_iban", "KZ87125KZT5004100100", IBAN_CHECKSUM_MESSAGE),
        ("buyer_iban", "RU86125KZT5004100100", IBAN_FORMAT_MESSAGE),
        ("buyer_bin", "200140000104", BIN_CHECKSUM_MESSAGE),
        ("buyer_bic", "HSBKRUKX", BIC_FORMAT_MESSAGE),
        ("buyer_iban", "", BUYER_IBAN_REQUIRED),
    ],
)
def test_a_wrong_check_digit_is_refused_at_its_field_and_nothing_is_lost(
    client, in_cart, order_form, field, value, message
):
    response = send_order(client, in_cart.company, {**order_form, **COMPANY_PART, field: value})

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors[field] == [str(message)]
    assert escape(str(message)) in response.content.decode()
    assert form["full_name"].value() == order_form["full_name"]  # what was typed stays
    assert not Order.objects.exists()


def test_without_the_tick_the_company_part_is_ignored(client, in_cart, order_form):
    send_order(client, in_cart.company, {**order_form, **COMPANY_PART, "as_company": ""})

    order = Order.objects.get()
    assert order.buyer_bin == ""
    assert not order.is_company_purchase


def test_a_signed_in_buyer_with_a_company_finds_its_details_filled_in(client, listing):
    company = CompanyFactory(
        owner=accept_policy(UserFactory()), bic="HSBKKZKX", iban="KZ86125KZT5004100100"
    )
    client.force_login(company.owner)
    client.post(f"/cart/add/{listing.pk}/", {"quantity": 2})

    form = client.get(f"/cart/checkout/{listing.company.pk}/").context["form"]

    assert form["as_company"].value() is True
    assert form["buyer_bin"].value() == company.bin
    assert form["buyer_iban"].value() == "KZ86125KZT5004100100"
    assert form["buyer_signatory"].value() == company.authorised_person
