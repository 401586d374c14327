"""Wholesale prices in the cart and on the order: the tier the quantity reaches."""

from decimal import Decimal

import pytest

from listings.models import Listing, PriceTier
from listings.tests.factories import ListingFactory
from orders.models import Order
from orders.tests.conftest import send_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def wheat(company):
    listing = ListingFactory(
        company=company, title="Пшеница", price=100_000, unit=Listing.Unit.TONNE
    )
    PriceTier.objects.create(listing=listing, min_quantity=10, price=95_000)
    PriceTier.objects.create(listing=listing, min_quantity=100, price=90_000)
    return listing


@pytest.mark.parametrize(
    ("quantity", "price"), [(1, 100_000), (9, 100_000), (10, 95_000), (12, 95_000), (100, 90_000)]
)
def test_the_cart_applies_the_tier_of_the_quantity(client, wheat, quantity, price):
    client.post(f"/cart/add/{wheat.pk}/", {"quantity": quantity})

    line = client.get("/cart/").context["cart"].groups[0].lines[0]

    assert line.price == Decimal(price)
    assert line.line_total == Decimal(price) * quantity
    assert not line.price_changed


def test_12_tonnes_use_the_from_10_price_and_the_order_keeps_it(client, wheat, order_form):
    client.post(f"/cart/add/{wheat.pk}/", {"quantity": 12})
    PriceTier.objects.filter(listing=wheat, min_quantity=10).update(price=94_000)

    send_order(client, wheat.company, order_form)
    PriceTier.objects.filter(listing=wheat).update(price=1)  # later changes do not reach it

    order = Order.objects.get()
    item = order.items.get()
    assert (item.quantity, item.price) == (12, Decimal(94_000))
    assert order.subtotal == Decimal(94_000 * 12)


def test_changing_the_quantity_in_the_cart_moves_to_another_tier(client, wheat):
    client.post(f"/cart/add/{wheat.pk}/", {"quantity": 5})
    client.post(f"/cart/change/{wheat.pk}/", {"quantity": 150})

    line = client.get("/cart/").context["cart"].groups[0].lines[0]

    assert line.price == Decimal(90_000)
    assert line.tier_applied
    assert not line.price_changed


def test_the_listing_page_shows_the_tiers(client, wheat):
    page = client.get(f"/listings/{wheat.pk}/").content.decode()

    assert 'data-testid="price-tiers"' in page
    assert "from 10 tonne" in page
    assert "95,000" in page
    assert "from 100 tonne" in page
    assert "90,000" in page


def test_search_sorts_by_the_base_price_not_the_tiers(client, company):
    cheap_base = ListingFactory(company=company, title="Ячмень дешёвый", price=50_000)
    tiered = ListingFactory(company=company, title="Ячмень оптом", price=60_000)
    PriceTier.objects.create(listing=tiered, min_quantity=10, price=10_000)

    result = client.get("/listings/?q=Ячмень&sort=price_asc")

    titles = list(result.content.decode().split("Ячмень")[1:3])
    body = result.content.decode()
    assert body.index(cheap_base.title) < body.index(tiered.title), titles
