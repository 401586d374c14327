"""E-mails of orders: links to the host the person uses, the data-request form for guests,
amounts through the money filter, and the portal's name as the sender."""

import pytest
from django.conf import settings

from orders import services
from orders.models import Order
from orders.tests.conftest import send_order
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def guest_in_cart(client, listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    return client


def _to_buyer(mailoutbox, email="erlan.akhmetov@example.kz"):
    return next(m for m in mailoutbox if m.to == [email])


def test_an_email_written_during_a_request_links_to_that_requests_host(
    guest_in_cart, company, order_form, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        send_order(guest_in_cart, company, order_form)

    order = Order.objects.get()
    body = _to_buyer(mailoutbox).body
    assert f"http://testserver/orders/{order.public_id}/" in body
    assert "http://testserver/privacy/rights/" in body
    assert settings.SITE_URL not in body


def test_an_email_written_outside_a_request_links_to_site_url(
    company, django_capture_on_commit_callbacks, mailoutbox
):
    order = OrderFactory(company=company, email="guest@example.kz")

    with django_capture_on_commit_callbacks(execute=True):
        services.order_confirm(order=order, actor=company.owner, final_total=9_090_000)

    body = mailoutbox[0].body
    site = settings.SITE_URL.rstrip("/")
    assert f"{site}/orders/{order.public_id}/" in body
    assert f"{site}/privacy/rights/" in body
    assert f"9,090,000{NBSP}₸" in body


@pytest.mark.parametrize(
    ("language", "total"),
    [("ru", f"2{NBSP}000{NBSP}000{NBSP}₸"), ("kk", f"2{NBSP}000{NBSP}000{NBSP}₸"),
     ("en", f"2,000,000{NBSP}₸")],
)  # fmt: skip
def test_amounts_in_the_emails_are_written_for_the_language_and_the_sender_is_the_portal(
    guest_in_cart, company, order_form, django_capture_on_commit_callbacks, mailoutbox,
    language, total,
):  # fmt: skip
    guest_in_cart.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    with django_capture_on_commit_callbacks(execute=True):
        send_order(guest_in_cart, company, order_form)

    assert {m.from_email for m in mailoutbox} == {"Dala Market <no-reply@portal.kz>"}
    for mail in mailoutbox:
        assert total in mail.body
        assert ".00" not in mail.body
