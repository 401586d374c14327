"""The seller's order list shows what a seller needs to choose an order (organisation, city,
total, status, age) and no contact data."""

import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from orders.addresses import address_city
from orders.models import Order
from orders.tests.factories import OrderFactory, OrderItemFactory
from privacy.models import DisclosureEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "city"),
    [
        ("Акмолинская обл., г. Кокшетау, ул. Абая, 12", "Кокшетау"),
        ("Алматы, пр. Абая, 1", "Алматы"),
        ("Астана қаласы, Тұран даңғылы, 5", "Астана"),
        ("г.Костанай, склад 3", "Костанай"),
        ("Kostanay, Al-Farabi ave. 65", "Kostanay"),
        ("ул. Абая, 12, 050000", ""),
        ("", ""),
    ],
)
def test_the_city_is_taken_only_where_the_address_names_one(address, city):
    assert address_city(address) == city


@pytest.fixture
def seller_client(client):
    seller = CompanyFactory(owner=accept_policy(UserFactory())).owner
    client.force_login(seller)
    client.company = seller.company
    return client


def test_the_list_shows_organisation_city_total_status_and_age_but_no_contact(seller_client):
    order = OrderFactory(
        company=seller_client.company,
        organization="КХ «Береке»",
        address="Акмолинская обл., г. Кокшетау, ул. Абая, 12",
        full_name="Ахметов Ерлан Серикович",
        email="erlan@example.kz",
        phone="+77011234567",
        subtotal=9_090_000,
        status=Order.Status.CONFIRMED,
        final_total=9_090_000,
    )
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))

    html = seller_client.get("/seller/orders/").content.decode()

    row = html[html.index('<tr class="desk-order') : html.index("</tr>", html.index("desk-order"))]
    assert "КХ «Береке»" in row
    assert ">Кокшетау<" in row
    assert "9,090,000\u00a0₸" in row
    assert "Confirmed" in row
    assert "3\u00a0days" in row
    for contact in ("Ахметов", "erlan@example.kz", "701", "ул. Абая"):
        assert contact not in html
    assert not DisclosureEvent.objects.exists()


def test_the_list_runs_the_same_few_queries_for_many_orders(
    seller_client, django_assert_max_num_queries
):
    for n in range(30):
        OrderItemFactory(order=OrderFactory(company=seller_client.company, address=f"Алматы, {n}"))
    seller_client.get("/seller/orders/")  # warms the per-user header cache

    with django_assert_max_num_queries(12):
        response = seller_client.get("/seller/orders/")

    assert len(response.context["page"].object_list) == 25
