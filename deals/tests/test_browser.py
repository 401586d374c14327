"""The journey of a request for quotation in the real Chromium: post, quote, counter,
revise, accept; the order at the revised price, and the buyer's contacts disclosed to the
winning seller only from acceptance on."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from deals.tests.factories import in_days
from orders.models import Order, OrderItem
from privacy.models import DisclosureEvent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _decline_cookies(page):
    page.get_by_role("button", name="Decline optional").click()


def _post_request(page):
    page.goto("/rfq/new/")
    _decline_cookies(page)
    page.get_by_label("What do you need").fill("Семена пшеницы, 20 т")
    page.get_by_label("Details").fill("Сорт Акмола 2, 1-я репродукция, в биг-бэгах.")
    page.get_by_label("Category").select_option(label="Grain seeds")
    page.get_by_label("Quantity").fill("20")
    page.get_by_label("Unit").select_option(label="tonne")
    page.get_by_label("Delivery region").select_option(label="Kostanay Region")
    page.get_by_label("Needed by").fill(in_days(30).isoformat())
    page.get_by_role("button", name="Send the request").click()
    expect(page).to_have_url(re.compile(r"/rfq/[0-9a-f-]{36}/$"))
    return page.url


def _quote(page, price, *, revise=False):
    page.goto("/seller/rfq/")
    page.get_by_role("link", name="Семена пшеницы, 20 т").click()
    page.get_by_label("Price per unit, ₸").fill(str(price))
    page.locator("#id_delivery_cost").fill("100000")
    page.get_by_label("Delivery date").fill(in_days(20).isoformat())
    page.get_by_label("Delivery terms").fill("До склада в Костанае")
    page.get_by_label("Payment terms").fill("Предоплата 100%")
    page.get_by_label("Pickup from the seller's warehouse").check()
    page.get_by_label("Valid until").fill(in_days(10).isoformat())
    page.get_by_role(
        "button", name="Send the revised quote" if revise else "Send the quote"
    ).click()
    expect(page.get_by_text("Your quote is sent to the buyer.")).to_be_visible()


def _contacts_seen_by(company, buyer) -> int:
    events = DisclosureEvent.objects.filter(actor=company.owner, subject=buyer)
    return sum("email" in event.fields for event in events)


def test_a_buyer_compares_two_quotes_counters_one_and_accepts_its_revision(
    signed_in_page, buyer, steppe, zerno
):
    buyer_page = signed_in_page(buyer)
    rfq_url = _post_request(buyer_page)
    steppe_page, zerno_page = signed_in_page(steppe.owner), signed_in_page(zerno.owner)
    _decline_cookies(steppe_page.goto("/") and steppe_page)
    _decline_cookies(zerno_page.goto("/") and zerno_page)
    _quote(steppe_page, 180000)
    _quote(zerno_page, 185000)

    buyer_page.goto(rfq_url)
    card = buyer_page.get_by_test_id(f"quote-{steppe.pk}")
    expect(buyer_page.locator(".quote-card")).to_have_count(2)
    card.get_by_text("Counter-offer", exact=True).click()
    card.get_by_label("Your price per unit, ₸").fill("170000")
    card.get_by_role("button", name="Send the counter-offer").click()
    expect(buyer_page.get_by_text("Your counter-offer is sent to the seller.")).to_be_visible()

    _quote(steppe_page, 172000, revise=True)
    assert _contacts_seen_by(steppe, buyer) == 0

    buyer_page.goto(rfq_url)
    card = buyer_page.get_by_test_id(f"quote-{steppe.pk}")
    expect(card.get_by_test_id("quote-status")).to_have_text("Sent")
    card.get_by_role("link", name="Accept").click()
    buyer_page.get_by_label("Organization").fill("ТОО «Жана Астык»")
    buyer_page.get_by_label("Phone").fill("+7 701 234 5678")
    buyer_page.get_by_label("Delivery address").fill("Костанай, ул. Абая, 12")
    buyer_page.get_by_role("button", name="Accept and place the order").click()
    expect(buyer_page).to_have_url(re.compile(r"/orders/[0-9a-f-]{36}/$"))

    order = Order.objects.get()
    assert order.company == steppe
    assert OrderItem.objects.filter(order=order).first().price == Decimal("172000.00")
    zerno_page.goto("/seller/rfq/")
    expect(zerno_page.get_by_test_id("rfq-status")).to_have_text("Closed: a quote was accepted")
    expect(zerno_page.get_by_text(steppe.name)).to_have_count(0)
    assert _contacts_seen_by(steppe, buyer) == 0
    steppe_page.goto(f"/seller/orders/{order.pk}/")
    expect(steppe_page.get_by_text(buyer.email)).to_be_visible()
    assert _contacts_seen_by(steppe, buyer) == 1
    assert _contacts_seen_by(zerno, buyer) == 0
    assert not buyer_page.errors
