import pytest
from django.contrib.admin.sites import site

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from orders.models import Order
from orders.tests.factories import OrderFactory, OrderItemFactory
from privacy.hashing import email_hash
from privacy.models import DisclosureEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    sign_in_with_second_factor(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def test_orders_are_registered_with_search_and_status_filter():
    model_admin = site._registry[Order]

    assert {"number", "email", "full_name"} <= set(model_admin.search_fields)
    assert "status" in model_admin.list_filter


def test_staff_find_an_order_by_number_email_or_name(admin_client):
    order = OrderFactory(full_name="Жумабаев Нурлан", email="nurlan@example.kz")
    OrderFactory()

    for query in (order.number, "nurlan@example.kz", "Жумабаев"):
        response = admin_client.get("/admin/orders/order/", {"q": query})
        assert list(response.context["cl"].result_list) == [order], query


def test_the_changelist_shows_no_contact_data_and_records_one_disclosure(admin_client):
    OrderFactory(full_name="Жумабаев Нурлан", email="guest@example.kz")

    page = admin_client.get("/admin/orders/order/").content.decode()

    assert "Жумабаев" not in page
    event = DisclosureEvent.objects.get()  # the buyers listed, named by one event
    assert event.people.get().subject_hash == email_hash("guest@example.kz")


def test_opening_an_order_in_admin_records_a_disclosure(admin_client):
    order = OrderFactory(email="guest@example.kz")
    OrderItemFactory(order=order)

    response = admin_client.get(f"/admin/orders/order/{order.pk}/change/")

    assert response.status_code == 200
    assert "Трактор МТЗ-82.1" in response.content.decode()  # the inline items
    event = DisclosureEvent.objects.get()
    assert event.subject_hash == email_hash("guest@example.kz")
    assert event.purpose.code == "orders"
    assert "phone" in event.fields


def test_staff_cannot_delete_orders(admin_client):
    order = OrderFactory()

    response = admin_client.post(f"/admin/orders/order/{order.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Order.objects.filter(pk=order.pk).exists()
