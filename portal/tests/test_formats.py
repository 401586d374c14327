"""Pages per language: amounts, phones and dates the way each language writes them, and no
sentence that ends in two full stops («1 шт..», «2026 г..»)."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import formats, translation

from accounts.tests.factories import CompanyFactory
from listings.tests.factories import ListingFactory
from orders.models import Order
from orders.tests.factories import OrderFactory, OrderItemFactory
from privacy.models import PolicyVersion

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
DOUBLE_STOP = re.compile(r"(?<![.…])\.\.(?![.…])")


def _get(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _text(html: str) -> str:
    """Return the words people read: the body without tags, scripts or attributes."""
    body = html.split("<body", 1)[1]
    return re.sub(r"<[^>]+>", " ", body)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "1 декабря 2026"), ("kk", "1 желтоқсан 2026"), ("en", "December 1, 2026")],
)
def test_dates_follow_each_languages_format(language, expected):
    with translation.override(language):
        assert formats.date_format(datetime.date(2026, 12, 1)) == expected
        assert formats.date_format(datetime.date(2026, 12, 1), "j E Y").endswith("2026")


@pytest.mark.parametrize(
    ("language", "price"),
    [("ru", f"9{NBSP}090{NBSP}000{NBSP}₸"), ("kk", f"9{NBSP}090{NBSP}000{NBSP}₸"),
     ("en", f"9,090,000{NBSP}₸")],
)  # fmt: skip
def test_a_listing_shows_its_price_in_the_visitors_language(client, language, price):
    listing = ListingFactory(price=9_090_000)
    with translation.override(language):  # the page's own URL in that language
        url = listing.get_absolute_url()

    html = _get(client, url, language)

    assert price in html
    assert "9090000" not in _text(html)


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_an_order_page_shows_the_phone_for_reading_and_the_sum_with_separators(client, language):
    order = OrderFactory(phone="+77011234567", subtotal=9_500_000)
    OrderItemFactory(order=order, price=9_500_000)

    html = _get(client, order.get_absolute_url(), language)

    assert "+7 701 123 45 67" in html
    assert "+77011234567" not in html
    assert ".00" not in _text(html)
    assert "9500000" not in _text(html)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_no_sentence_ends_in_two_full_stops(client, language):
    company = CompanyFactory()
    listing = ListingFactory(company=company, min_order_quantity=1)
    order = OrderFactory(company=company, status=Order.Status.CONFIRMED, final_total=100)
    OrderItemFactory(order=order)
    PolicyVersion.objects.update(published_at=datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC))
    client.post(f"/cart/add/{listing.pk}/", {"quantity": 1})

    for url in (listing.get_absolute_url(), "/cart/", order.get_absolute_url(),
                "/privacy/policy/", f"/sellers/{company.pk}/", "/listings/"):  # fmt: skip
        text = _text(_get(client, url, language))
        assert not DOUBLE_STOP.search(text), (url, DOUBLE_STOP.search(text))
