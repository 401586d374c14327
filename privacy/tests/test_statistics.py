import pytest

from accounts.tests.factories import CompanyFactory
from listings.tests.factories import ListingFactory
from privacy.statistics import MIN_CELL, suppress

pytestmark = pytest.mark.django_db


def test_cells_under_five_are_suppressed():
    cells = suppress([("Akmola", 4), ("Astana", 5), ("Almaty", 0)])

    assert [(c.label, c.count) for c in cells] == [
        ("Akmola", None),
        ("Astana", 5),
        ("Almaty", None),
    ]
    assert MIN_CELL == 5


def test_stats_page_shows_aggregates_with_small_counts_hidden(
    client, django_assert_max_num_queries
):
    for _ in range(6):
        CompanyFactory(region="karaganda")
    lonely = CompanyFactory(region="ulytau", name="TOO Only One")
    ListingFactory(company=lonely, status="published", title="Unique excavator")

    with django_assert_max_num_queries(8):
        html = client.get("/privacy/stats/").content.decode()

    assert "<svg" in html
    assert "Sellers per region" in html
    assert ">6<" in html  # Karaganda Region, six sellers
    assert "fewer than 5" in html
    assert "TOO Only One" not in html
    assert "Unique excavator" not in html


def test_orders_per_month_counts_the_last_twelve_months(client):
    from orders.tests.factories import OrderFactory

    for _ in range(5):
        OrderFactory()

    html = client.get("/privacy/stats/").content.decode()

    assert "Orders per month" in html
    assert ">5<" in html
