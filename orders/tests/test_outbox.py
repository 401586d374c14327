"""The e-mails of orders: written to the outbox with the change, sent after it commits."""

import datetime as dt

import pytest
from django.utils import timezone
from post_office.models import STATUS, Email

from orders import services
from orders.models import Order
from orders.tests.conftest import send_order
from orders.tests.factories import OrderFactory
from outbox.services import outbox_drain
from portal.breaker import breaker_for
from portal.celery import app
from portal.tests.helpers import publisher_pools_reset

pytestmark = pytest.mark.django_db

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker_down():
    """Point publishing at a port that refuses connections; restore the broker after."""
    previous = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = UNREACHABLE_BROKER
    app.conf.task_always_eager = False
    publisher_pools_reset()

    def restore():
        app.conf.broker_url, app.conf.task_always_eager = previous
        publisher_pools_reset()

    yield restore
    restore()


@pytest.fixture
def guest_in_cart(client, listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    return client


def test_placing_an_order_mails_the_seller_and_the_buyer(
    guest_in_cart, company, order_form, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        send_order(guest_in_cart, company, order_form)

    order = Order.objects.get()
    sent = {m.to[0]: m for m in mailoutbox}
    assert set(sent) == {company.owner.email, "erlan.akhmetov@example.kz"}
    to_seller = sent[company.owner.email]
    assert order.number in to_seller.subject
    assert f"/seller/orders/{order.pk}/" in to_seller.body
    # The seller's e-mail names no buyer: the contact data are seen (and recorded) on the desk.
    for personal in ("Ахметов", "erlan.akhmetov", "7012345678", "Кокшетау"):
        assert personal not in to_seller.body
    to_buyer = sent["erlan.akhmetov@example.kz"]
    assert f"/orders/{order.public_id}/" in to_buyer.body
    assert "Сеялка" in to_buyer.body
    # A guest has no Personal Account: the e-mail leads to "Your data and rights".
    assert "/privacy/rights/" in to_buyer.body
    assert "/privacy/rights/" not in to_seller.body
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_every_status_change_mails_the_buyer(
    company, django_capture_on_commit_callbacks, mailoutbox
):
    order = OrderFactory(company=company, email="guest@example.kz")

    with django_capture_on_commit_callbacks(execute=True):
        order = services.order_confirm(order=order, actor=company.owner, final_total=500)
    with django_capture_on_commit_callbacks(execute=True):
        order = services.order_ship(order=order, actor=company.owner)
    with django_capture_on_commit_callbacks(execute=True):
        services.order_complete(order=order, actor=company.owner)

    assert [m.to for m in mailoutbox] == [["guest@example.kz"]] * 3
    assert [m.subject for m in mailoutbox] == [
        f"Order {order.number}: Confirmed",
        f"Order {order.number}: Shipped",
        f"Order {order.number}: Completed",
    ]
    assert "500" in mailoutbox[0].body


def test_an_order_placed_while_the_broker_is_down_is_saved_and_mailed_later(
    guest_in_cart, company, order_form, broker_down, django_capture_on_commit_callbacks,
    mailoutbox,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = send_order(guest_in_cart, company, order_form)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == order.get_absolute_url()
    assert mailoutbox == []
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.queued}
    # The first failed publish opened the breaker: the second mail was not even tried.
    assert breaker_for(UNREACHABLE_BROKER).is_open

    broker_down()  # the broker is back (tasks run inline in this test process)
    sent = outbox_drain(now=timezone.now() + dt.timedelta(minutes=1))

    assert sent == 2
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [company.owner.email, "erlan.akhmetov@example.kz"]
    )


def test_a_company_name_with_a_line_break_does_not_break_the_buyers_mail(
    guest_in_cart, company, order_form, django_capture_on_commit_callbacks, mailoutbox
):
    company.name = "ТОО «Агро»\r\nBcc: victim@example.kz"
    company.save(update_fields=["name"])

    with django_capture_on_commit_callbacks(execute=True):
        send_order(guest_in_cart, company, order_form)

    to_buyer = next(m for m in mailoutbox if m.to == ["erlan.akhmetov@example.kz"])
    assert "ТОО «Агро» Bcc: victim@example.kz" in to_buyer.subject  # one line, no header
    assert to_buyer.bcc == []
    assert to_buyer.message()["Bcc"] is None
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_no_mail_goes_to_an_erased_address(company, mailoutbox, django_capture_on_commit_callbacks):
    order = OrderFactory(company=company, email="erased@invalid")

    with django_capture_on_commit_callbacks(execute=True):
        services.order_cancel(order=order, actor=company.owner, reason="Нет товара")

    assert not Email.objects.exists()
    assert mailoutbox == []
