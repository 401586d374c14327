"""Erasure respects open deals: the contact data of an open order waits for it to close."""

import pytest
from django.core import mail

from accounts.services import account_close
from accounts.tests.factories import CompanyFactory, UserFactory
from orders.models import Order, OrderMessage
from orders.services import message_send, order_cancel, order_complete, order_ship
from orders.tests.factories import OrderFactory, OrderItemFactory
from privacy.models import DataRequest
from privacy.selectors import erasure_waiting
from privacy.sweep import retention_sweep
from privacy.texts import ERASURE_DONE_SUBJECT, ERASURE_WAITING_SUBJECT

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(django_capture_on_commit_callbacks):
    """A buyer's confirmed order and a completed one, with messages of both sides."""
    seller = CompanyFactory()
    buyer = UserFactory(email="aigerim@mail.kz", language="en")
    open_order = OrderFactory(
        buyer=buyer, company=seller, email="aigerim@mail.kz", status=Order.Status.CONFIRMED
    )
    OrderItemFactory(order=open_order)
    closed = OrderFactory(buyer=buyer, company=seller, email=buyer.email, completed=True)
    with django_capture_on_commit_callbacks(execute=True):
        message_send(order=open_order, side="buyer", body="Адрес: склад №2", author=buyer)
        message_send(
            order=open_order, side="seller", body="Отгрузим в пятницу", author=seller.owner
        )
        message_send(order=closed, side="buyer", body="Спасибо", author=buyer)
    mail.outbox.clear()
    return buyer, seller, open_order, closed


def _close_account(buyer, capture):
    with capture(execute=True):
        account_close(user=buyer)
    return DataRequest.objects.get(user=buyer, kind="erasure")


def test_closing_the_account_keeps_the_contact_data_of_open_orders_only(
    deal, django_capture_on_commit_callbacks
):
    buyer, _seller, open_order, closed = deal

    request = _close_account(buyer, django_capture_on_commit_callbacks)

    assert request.status == "waiting"
    buyer.refresh_from_db()
    assert not buyer.is_active  # the account is gone at once
    assert buyer.email.endswith("@invalid")
    open_order.refresh_from_db()
    assert open_order.full_name == "Ахметов Ерлан Серикович"
    assert open_order.email == "aigerim@mail.kz"
    closed.refresh_from_db()
    assert (closed.full_name, closed.email) == ("", "erased@invalid")
    assert request.email == "aigerim@mail.kz"  # the request keeps what it needs to finish


def test_the_report_says_what_is_kept_why_and_until_when(deal, django_capture_on_commit_callbacks):
    buyer, *_ = deal

    request = _close_account(buyer, django_capture_on_commit_callbacks)

    kept = {entry["source"]: entry for entry in request.report["kept"]}
    assert kept["orders.order"]["rows"] == 1
    assert kept["orders.order"]["why"].startswith("Performance of the contract")
    assert kept["orders.order"]["until"] == "until the order is completed or cancelled"
    assert kept["orders.ordermessage"]["rows"] == 1
    assert request.report["check_passed"] is True
    [letter] = mail.outbox
    assert letter.subject == str(ERASURE_WAITING_SUBJECT)
    assert letter.to == ["aigerim@mail.kz"]
    assert "until the order is completed or cancelled" in letter.body


def test_the_sellers_messages_stay_when_the_buyer_is_erased(
    deal, django_capture_on_commit_callbacks
):
    buyer, seller, open_order, _closed = deal
    _close_account(buyer, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        order_ship(order=open_order, actor=seller.owner)
        order_complete(order=open_order, actor=seller.owner)

    retention_sweep()

    bodies = set(OrderMessage.objects.filter(order=open_order).values_list("body", flat=True))
    assert bodies == {"Отгрузим в пятницу"}


def test_the_next_sweep_erases_the_order_once_it_is_completed_and_tells_the_buyer(
    deal, django_capture_on_commit_callbacks
):
    buyer, seller, open_order, _closed = deal
    request = _close_account(buyer, django_capture_on_commit_callbacks)

    retention_sweep()  # still open: nothing changes
    open_order.refresh_from_db()
    assert open_order.email == "aigerim@mail.kz"
    request.refresh_from_db()
    assert request.status == "waiting"

    with django_capture_on_commit_callbacks(execute=True):
        order_ship(order=open_order, actor=seller.owner)
        order_complete(order=open_order, actor=seller.owner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run = retention_sweep()

    open_order.refresh_from_db()
    assert (open_order.full_name, open_order.email, open_order.items.count()) == (
        "", "erased@invalid", 1,
    )  # fmt: skip
    request.refresh_from_db()
    assert (request.status, request.email, request.report["kept"]) == ("done", "erased@invalid", [])
    assert run.subjects == 1
    [letter] = mail.outbox
    assert (letter.subject, letter.to) == (str(ERASURE_DONE_SUBJECT), ["aigerim@mail.kz"])
    assert not erasure_waiting(user=buyer)


def test_a_cancelled_order_is_erased_as_well(deal, django_capture_on_commit_callbacks):
    buyer, seller, open_order, _closed = deal
    _close_account(buyer, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=open_order, actor=seller.owner, reason="Нет на складе")

    retention_sweep()

    open_order.refresh_from_db()
    assert open_order.email == "erased@invalid"


def test_a_swept_buyer_with_an_open_order_waits_and_the_seller_is_told(
    deal, client, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from accounts.models import User

    buyer, seller, open_order, _closed = deal
    User.objects.filter(pk=buyer.pk).update(
        last_interaction_at=timezone.now() - dt.timedelta(days=6 * 365)
    )

    run = retention_sweep()

    assert (run.subjects, run.waiting) == (1, 1)
    request = DataRequest.objects.get(user=buyer)
    assert (request.status, request.opened_by_sweep) == ("waiting", True)
    open_order.refresh_from_db()
    assert open_order.email == "aigerim@mail.kz"
    assert mail.outbox == []  # nobody asked: the sweep's own request is not answered
    assert erasure_waiting(user=buyer)


def test_a_guest_with_an_open_order_keeps_it_until_it_closes(django_capture_on_commit_callbacks):
    from privacy import services

    order = OrderFactory(email="guest@mail.kz", status=Order.Status.SHIPPED)
    request = DataRequest.objects.create(kind="erasure", email="guest@mail.kz", status="verified")

    with django_capture_on_commit_callbacks(execute=True):
        services.data_request_run(data_request=request)

    assert request.status == "waiting"
    assert erasure_waiting(email="guest@mail.kz")
    with django_capture_on_commit_callbacks(execute=True):
        order_complete(order=order, actor=order.company.owner)
        retention_sweep()
    order.refresh_from_db()
    request.refresh_from_db()
    assert (order.email, request.status) == ("erased@invalid", "done")
