"""The seller's order desk: list, detail with disclosure, statuses, options."""

from decimal import Decimal

import pytest

from orders import forms, services
from orders.models import Order, OrderEvent, SellerOption
from orders.tests.factories import OrderFactory, OrderItemFactory, OrderMessageFactory
from portal.tests.helpers import messages_of
from privacy.hashing import email_hash
from privacy.models import DisclosureEvent

pytestmark = pytest.mark.django_db


def test_the_desk_lists_new_orders_first_then_newest(seller_client, company):
    confirmed = OrderFactory(company=company, status=Order.Status.CONFIRMED)
    new = OrderFactory(company=company)
    newest_shipped = OrderFactory(company=company, status=Order.Status.SHIPPED)

    page = seller_client.get("/seller/orders/").context["page"]

    assert list(page.object_list) == [new, newest_shipped, confirmed]


def test_the_desk_filters_by_status(seller_client, company):
    OrderFactory(company=company)
    shipped = OrderFactory(company=company, status=Order.Status.SHIPPED)

    response = seller_client.get("/seller/orders/?status=shipped")

    assert list(response.context["page"].object_list) == [shipped]
    assert response.context["status_counts"] == {"new": 1, "shipped": 1}


def test_an_unknown_status_filter_shows_all(seller_client, company):
    OrderFactory.create_batch(2, company=company)

    response = seller_client.get("/seller/orders/?status=<script>")

    assert len(response.context["page"].object_list) == 2


def test_the_desk_list_shows_no_contact_data_and_records_no_disclosure(seller_client, company):
    order = OrderFactory(company=company, full_name="Ахметов Ерлан", email="erlan@example.kz")

    page = seller_client.get("/seller/orders/").content.decode()

    assert order.number in page
    assert "Ахметов" not in page
    assert "erlan@example.kz" not in page
    assert not DisclosureEvent.objects.exists()


@pytest.mark.parametrize("orders", [1, 40])
def test_the_desk_list_runs_a_bounded_number_of_queries(
    seller_client, company, orders, django_assert_max_num_queries
):
    for order in OrderFactory.create_batch(orders, company=company):
        OrderItemFactory.create_batch(2, order=order)
        OrderMessageFactory(order=order)

    # About ten are the same on every page: session, user, policy, cookie groups; a seller's
    # header and tabs count what waits in orders and in deals.
    with django_assert_max_num_queries(18):
        response = seller_client.get("/seller/orders/")

    assert len(response.context["page"].object_list) == min(orders, 25)
    assert response.context["page"].object_list[0].item_count == 2
    assert response.context["page"].object_list[0].unread_count == 1


@pytest.mark.parametrize("orders", [1, 40])
def test_my_orders_runs_a_bounded_number_of_queries(
    buyer_client, buyer, orders, django_assert_max_num_queries
):
    for order in OrderFactory.create_batch(orders, buyer=buyer):
        OrderItemFactory.create_batch(2, order=order)

    # About ten are the same on every page: session, user, policy, cookie groups.
    with django_assert_max_num_queries(16):
        response = buyer_client.get("/account/orders/")

    assert len(response.context["page"].object_list) == min(orders, 25)


def test_opening_a_guest_order_records_a_disclosure_keyed_by_the_guests_email(
    seller_client, seller, company
):
    order = OrderFactory(company=company, email="guest@example.kz")

    response = seller_client.get(f"/seller/orders/{order.pk}/")

    assert response.status_code == 200
    event = DisclosureEvent.objects.get()
    assert event.actor == seller
    assert event.actor_label == company.name
    assert event.subject is None
    assert event.subject_hash == email_hash("guest@example.kz")
    assert event.fields == ["full_name", "organization", "email", "phone", "address", "comment"]
    assert event.purpose.code == "orders"
    assert event.object_label == f"№ {order.number}"
    # Stored as the message id, shown in the language of whoever reads it.
    assert event.reason == "The seller opened the order to handle it"


def test_every_view_of_the_contact_data_leaves_its_own_event(seller_client, company):
    order = OrderFactory(company=company)

    seller_client.get(f"/seller/orders/{order.pk}/")
    seller_client.get(f"/seller/orders/{order.pk}/")

    assert DisclosureEvent.objects.count() == 2


def test_a_signed_in_buyer_sees_the_disclosure_on_their_privacy_page(
    seller_client, company, client, buyer
):
    order = OrderFactory(company=company, buyer=buyer, email=buyer.email)
    seller_client.get(f"/seller/orders/{order.pk}/")
    assert DisclosureEvent.objects.get().subject == buyer

    client.force_login(buyer)
    page = client.get("/account/privacy/").content.decode()

    assert company.name in page
    assert f"№ {order.number}" in page
    assert "full_name" not in page
    assert "full name, organization, e-mail, phone, address, comment" in page


def test_the_detail_shows_the_buyers_contact_data_escaped(seller_client, company):
    order = OrderFactory(company=company, comment="<img src=x onerror=alert(1)>")

    page = seller_client.get(f"/seller/orders/{order.pk}/").content.decode()

    assert order.full_name in page
    assert order.email in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def _act(client, order, **data):
    return client.post(f"/seller/orders/{order.pk}/status/", data)


def test_the_seller_moves_an_order_through_its_statuses(seller_client, seller, company):
    order = OrderFactory(company=company)

    _act(seller_client, order, action="confirm", final_total="12 600 000".replace(" ", ""))
    _act(seller_client, order, action="ship")
    response = _act(seller_client, order, action="complete")

    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    assert order.final_total == Decimal("12600000")
    assert response.status_code == 302
    events = OrderEvent.objects.filter(order=order).values_list("status", "actor", "actor_label")
    assert list(events) == [
        ("confirmed", seller.pk, company.name),
        ("shipped", seller.pk, company.name),
        ("completed", seller.pk, company.name),
    ]
    assert OrderEvent.objects.filter(order=order).first().detail == "12,600,000\u00a0₸"


def test_confirming_needs_the_final_total(seller_client, company):
    order = OrderFactory(company=company)

    response = _act(seller_client, order, action="confirm", final_total="")

    assert response.status_code == 200
    errors = response.context["confirm_form"].errors["final_total"]
    assert [str(e) for e in errors] == [str(services.FINAL_TOTAL_REQUIRED)]
    order.refresh_from_db()
    assert order.status == Order.Status.NEW


@pytest.mark.parametrize("value", ["-5", "abc", "1e400", "12.345"])
def test_a_bad_final_total_is_refused_at_the_field(seller_client, company, value):
    order = OrderFactory(company=company)

    response = _act(seller_client, order, action="confirm", final_total=value)

    assert [str(e) for e in response.context["confirm_form"].errors["final_total"]] == [
        str(forms.FINAL_TOTAL_INVALID)
    ]
    order.refresh_from_db()
    assert order.status == Order.Status.NEW


def test_cancelling_needs_a_reason(seller_client, company):
    order = OrderFactory(company=company)

    response = _act(seller_client, order, action="cancel", reason="  ")

    assert [str(e) for e in response.context["cancel_form"].errors["reason"]] == [
        str(services.CANCEL_REASON_REQUIRED)
    ]
    order.refresh_from_db()
    assert order.status == Order.Status.NEW


def test_cancelling_with_a_reason_tells_the_buyer(seller_client, company, client):
    order = OrderFactory(company=company)

    _act(seller_client, order, action="cancel", reason="Нет на складе")

    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert order.cancel_reason == "Нет на складе"
    assert "Нет на складе" in client.get(order.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("new", "ship"),
        ("new", "complete"),
        ("confirmed", "confirm"),
        ("confirmed", "complete"),
        ("shipped", "cancel"),
        ("completed", "cancel"),
        ("cancelled", "confirm"),
        ("completed", "ship"),
    ],
)
def test_an_invalid_transition_is_refused_with_a_clear_message(
    seller_client, company, status, action
):
    order = OrderFactory(company=company, status=status)

    response = _act(seller_client, order, action=action, final_total="10", reason="Причина")

    order.refresh_from_db()
    assert order.status == status
    assert response.status_code == 302
    [message] = messages_of(response)
    assert message.startswith(f"An order that is “{order.status_label}” cannot be ")
    assert not OrderEvent.objects.filter(order=order).exists()


def test_an_unknown_action_changes_nothing(seller_client, company):
    order = OrderFactory(company=company)

    response = _act(seller_client, order, action="delete")

    order.refresh_from_db()
    assert order.status == "new"
    assert response.status_code == 302


def test_a_new_seller_gets_default_options_on_first_visit(seller_client, company):
    assert not SellerOption.objects.filter(company=company).exists()

    response = seller_client.get("/seller/settings/")

    assert response.status_code == 200
    enabled = set(
        SellerOption.objects.filter(company=company, is_enabled=True).values_list("kind", "method")
    )
    assert enabled == {
        ("shipping", "pickup"),
        ("shipping", "transport_company"),
        ("payment", "bank_transfer"),
    }
    assert SellerOption.objects.filter(company=company).count() == 6


def _settings_form(**changes):
    data = {
        "shipping_pickup_enabled": "on",
        "shipping_pickup_conditions": "",
        "shipping_seller_delivery_conditions": "",
        "shipping_transport_company_conditions": "",
        "payment_bank_transfer_enabled": "on",
        "payment_bank_transfer_conditions": "",
        "payment_cash_on_delivery_conditions": "",
        "payment_card_on_delivery_conditions": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_seller_changes_the_options_and_buyers_get_them(seller_client, company):
    response = seller_client.post(
        "/seller/settings/",
        _settings_form(
            shipping_seller_delivery_enabled="on",
            shipping_seller_delivery_conditions="Бесплатно по Астане",
            payment_card_on_delivery_enabled="on",
        ),
    )

    assert response.status_code == 302
    options = services.seller_options_ensure(company=company)
    enabled = {(o.kind, o.method) for o in options if o.is_enabled}
    assert enabled == {
        ("shipping", "pickup"),
        ("shipping", "seller_delivery"),
        ("payment", "bank_transfer"),
        ("payment", "card_on_delivery"),
    }
    delivery = next(o for o in options if o.method == "seller_delivery")
    assert delivery.conditions == "Бесплатно по Астане"


def test_the_seller_must_offer_one_way_of_shipping_and_of_paying(seller_client, company):
    response = seller_client.post(
        "/seller/settings/",
        _settings_form(shipping_pickup_enabled=None, payment_bank_transfer_enabled=None),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert [str(e) for e in form.errors["shipping_pickup_enabled"]] == [
        str(forms.NEED_ONE_SHIPPING)
    ]
    assert [str(e) for e in form.errors["payment_bank_transfer_enabled"]] == [
        str(forms.NEED_ONE_PAYMENT)
    ]
    assert SellerOption.objects.filter(company=company, is_enabled=True).count() == 3


def test_too_long_conditions_are_refused_at_the_field(seller_client, company):
    response = seller_client.post(
        "/seller/settings/", _settings_form(shipping_pickup_conditions="x" * 256)
    )

    assert [str(e) for e in response.context["form"].errors["shipping_pickup_conditions"]] == [
        str(forms.CONDITIONS_TOO_LONG)
    ]
