from io import StringIO

import pytest
from post_office.models import STATUS, Email

from orders.demo import seed_orders
from orders.models import Order, SellerOption
from portal.management.commands import seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_portal(monkeypatch):
    """The listings part of the demo data, small."""
    monkeypatch.setattr(seed_demo, "SELLERS", 3)
    monkeypatch.setattr(seed_demo, "LISTINGS", 30)
    monkeypatch.setattr(seed_demo, "BUYERS", 2)
    seed_demo.seed_accounts()
    companies = seed_demo.seed_sellers(seed_demo._rng("sellers"))
    seed_demo.seed_listings(seed_demo._rng("listings"), companies)


def test_demo_orders_cover_every_status_and_seeding_twice_adds_nothing(demo_portal):
    out = StringIO()

    created = seed_orders(stdout=out)
    again = seed_orders(stdout=StringIO())

    assert created == Order.objects.count() == 8
    assert again == 0
    assert set(Order.objects.values_list("status", flat=True)) == set(Order.Status.values)
    assert Order.objects.filter(buyer__isnull=True).exists()
    assert SellerOption.objects.values("company").distinct().count() == 3
    assert not Email.objects.exclude(status=STATUS.sent).exists()
    assert "8 new orders" in out.getvalue()


def test_demo_orders_wait_for_demo_sellers():
    assert seed_orders(stdout=StringIO()) == 0
