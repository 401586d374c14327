"""The order form refuses bad input at the field, sends nothing and keeps what was typed."""

import pytest

from orders import forms, services
from orders.models import COMMENT_MAX_LENGTH, Order
from orders.tests.conftest import checkout_token, send_order
from portal.tests.helpers import form_errors
from privacy.models import ConsentEvent

pytestmark = pytest.mark.django_db


def test_a_comment_of_513_characters_is_refused_at_the_field(
    client, company, two_sellers_in_cart, order_form
):
    response = send_order(client, company, {**order_form, "comment": "я" * 513})

    assert response.status_code == 200
    expected = forms.COMMENT_TOO_LONG % {"limit_value": COMMENT_MAX_LENGTH, "show_value": 513}
    assert form_errors(response, "comment") == [str(expected)]
    assert not Order.objects.exists()
    assert not ConsentEvent.objects.filter(channel="checkout").exists()


def test_a_comment_of_512_characters_with_line_breaks_is_accepted(
    client, company, two_sellers_in_cart, order_form
):
    comment = ("a" * 99 + "\r\n") * 5 + "b" * 12  # 512 as the browser counts it

    response = send_order(client, company, {**order_form, "comment": comment})

    assert response.status_code == 302
    assert len(Order.objects.get().comment) == 512


def test_an_email_without_at_is_refused_at_the_field(
    client, company, two_sellers_in_cart, order_form
):
    response = send_order(client, company, {**order_form, "email": "erlan.example.kz"})

    assert form_errors(response, "email") == [str(forms.EMAIL_INVALID)]
    assert not Order.objects.exists()


def test_a_missing_phone_is_refused_at_the_field(client, company, two_sellers_in_cart, order_form):
    response = send_order(client, company, {**order_form, "phone": ""})

    assert form_errors(response, "phone") == [str(forms.PHONE_REQUIRED)]
    assert not Order.objects.exists()


def test_a_phone_outside_kazakhstan_is_refused(client, company, two_sellers_in_cart, order_form):
    response = send_order(client, company, {**order_form, "phone": "+7 495 123 45 67"})

    assert form_errors(response, "phone")
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("full_name", forms.FULL_NAME_REQUIRED),
        ("organization", forms.ORGANIZATION_REQUIRED),
        ("email", forms.EMAIL_REQUIRED),
        ("address", forms.ADDRESS_REQUIRED),
        ("shipping_method", forms.SHIPPING_REQUIRED),
        ("payment_method", forms.PAYMENT_REQUIRED),
    ],
)
def test_each_required_field_has_its_own_message(
    client, company, two_sellers_in_cart, order_form, field, message
):
    response = send_order(client, company, {**order_form, field: ""})

    assert form_errors(response, field) == [str(message)]
    assert not Order.objects.exists()


def test_a_single_word_name_is_refused(client, company, two_sellers_in_cart, order_form):
    response = send_order(client, company, {**order_form, "full_name": "Ерлан"})

    assert form_errors(response, "full_name") == [str(forms.FULL_NAME_INCOMPLETE)]


def test_an_option_the_seller_does_not_offer_is_refused(
    client, company, two_sellers_in_cart, order_form
):
    response = send_order(client, company, {**order_form, "payment_method": "cash_on_delivery"})

    assert form_errors(response, "payment_method") == [str(services.OPTION_NOT_OFFERED)]
    assert not Order.objects.exists()


def test_a_rejected_form_keeps_what_was_typed_and_the_cart(
    client, company, two_sellers_in_cart, order_form
):
    token = checkout_token(client, company)

    response = send_order(client, company, {**order_form, "phone": ""}, token=token)

    form = response.context["form"]
    assert form["full_name"].value() == order_form["full_name"]
    assert form["comment"].value() == order_form["comment"]
    assert form["checkout_token"].value() == token
    assert client.get("/cart/").context["cart"].group(company.pk) is not None
