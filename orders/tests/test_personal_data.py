"""The orders app's personal data: declared, exported, erased as the policy says."""

import datetime as dt
import logging
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone
from post_office.models import STATUS, Email

from accounts.tests.factories import UserFactory
from orders.models import Order, OrderEvent, OrderItem, OrderMessage
from orders.personal_data import ERASED_EMAIL
from orders.tests.factories import OrderFactory, OrderItemFactory, OrderMessageFactory
from outbox.erased import is_erased_email
from outbox.services import mail_queue
from privacy.erasure import subjects_erase, subjects_of_users
from privacy.export import subject_export
from privacy.registry import Subjects, registry
from privacy.sweep import retention_sweep

pytestmark = pytest.mark.django_db


def test_every_personal_field_of_orders_is_declared():
    assert registry.undeclared_personal_fields(apps.get_app_config("orders").get_models()) == []


def _order_with_everything(**kwargs) -> Order:
    """A completed order with all its rows (an open one waits: privacy/tests/test_open_orders)."""
    order = OrderFactory(comment="Позвоните Ерлану", **{"status": Order.Status.COMPLETED, **kwargs})
    OrderItemFactory(order=order, price=100, quantity=3)
    OrderMessageFactory(order=order, side="buyer", author_email=order.email, body="Мой телефон")
    OrderMessageFactory(order=order, side="seller", author=order.company.owner, body="Ок")
    OrderEvent.objects.create(order=order, status="new", actor_label="Buyer")
    for to, body in ((order.email, "Dear Erlan"), (order.company.owner.email, "New order")):
        Email.objects.create(
            from_email="no-reply@portal.kz", to=[to], subject="S", message=body, status=STATUS.sent
        )
    return order


def test_erasing_a_guest_anonymises_the_order_but_keeps_its_lines_and_totals():
    order = _order_with_everything(email="erlan@example.kz", final_total=310)
    other = _order_with_everything(email="someone@example.kz")

    result = subjects_erase(subjects=Subjects.of(emails=["Erlan@Example.kz"]))

    assert result.check_passed
    order.refresh_from_db()
    assert (order.full_name, order.organization, order.email, str(order.phone)) == (
        "", "", ERASED_EMAIL, "",
    )  # fmt: skip
    assert (order.address, order.comment) == ("", "")
    assert order.number
    assert order.final_total == Decimal("310.00")
    assert order.subtotal == Decimal("12500000.00")
    assert OrderItem.objects.filter(order=order).count() == 1
    assert OrderEvent.objects.filter(order=order).count() == 1
    # The guest's words are gone; the seller's own message is the seller's.
    assert list(OrderMessage.objects.filter(order=order).values_list("side", flat=True)) == [
        "seller"
    ]
    assert not Email.objects.filter(to="erlan@example.kz").exists()
    assert Email.objects.filter(to=order.company.owner.email).exists()  # the seller's own
    other.refresh_from_db()
    assert other.email == "someone@example.kz"
    assert OrderMessage.objects.filter(order=other).count() == 2


def test_erasing_a_user_anonymises_their_orders_and_guest_orders_under_their_email(buyer):
    signed_in = _order_with_everything(buyer=buyer, email="other.address@example.kz")
    as_guest = _order_with_everything(email=buyer.email)

    result = subjects_erase(subjects=subjects_of_users([buyer.pk]))

    assert result.check_passed
    for order in (signed_in, as_guest):
        order.refresh_from_db()
        assert (order.email, order.full_name) == (ERASED_EMAIL, "")
        assert list(order.messages.values_list("side", flat=True)) == ["seller"]
    # The mails about both orders, the one to the order's own contact address included.
    assert not Email.objects.filter(to__in=["other.address@example.kz", buyer.email]).exists()


def test_erasing_a_seller_deletes_the_messages_they_wrote(seller, company):
    order = _order_with_everything(company=company)

    subjects_erase(subjects=subjects_of_users([seller.pk]))

    assert list(order.messages.values_list("side", flat=True)) == ["buyer"]
    order.refresh_from_db()
    assert order.full_name  # the buyer's data are the buyer's, not the seller's


def test_the_check_still_finds_a_message_left_on_a_guests_order_once_it_is_anonymised(
    replace_erase,
):
    order = _order_with_everything(email="erlan@example.kz")
    replace_erase("orders.ordermessage", lambda subjects: 0)  # a faulty source

    result = subjects_erase(subjects=Subjects.of(emails=["erlan@example.kz"]))

    order.refresh_from_db()
    assert order.email == ERASED_EMAIL  # the link to the guest is gone from the order…
    assert result.remaining == {"orders.ordermessage": 1}  # …yet the check sees its message
    assert not result.check_passed


def test_erasing_twice_changes_nothing_the_second_time():
    _order_with_everything(email="erlan@example.kz")
    subjects = Subjects.of(emails=["erlan@example.kz"])
    subjects_erase(subjects=subjects)

    second = subjects_erase(subjects=subjects)

    assert second.check_passed
    assert second.counts["orders.order"] == 0


def test_a_users_export_holds_their_orders_messages_and_mails(buyer):
    order = _order_with_everything(buyer=buyer, email=buyer.email)

    export = subject_export(subjects=Subjects.of(user_ids=[buyer.pk], emails=[buyer.email]))

    [row] = export["orders.order"]["rows"]
    assert row["number"] == order.number
    assert row["phone"] == "+77011234567"
    [message] = export["orders.ordermessage"]["rows"]  # the seller's words are the seller's
    assert message["body"] == "Мой телефон"
    assert [line["quantity"] for line in row["items"]] == [3]
    [mail] = export["post_office.email"]["rows"]  # the seller's mail is the seller's
    assert set(mail) == {"pk", "created", "subject", "status"}  # no texts: one-time links


def test_the_sweep_erases_a_guest_whose_last_order_is_older_than_the_retention():
    long_ago = timezone.now() - dt.timedelta(days=365 * 6)
    lapsed = _order_with_everything(email="lapsed@example.kz")
    Order.objects.filter(pk=lapsed.pk).update(created_at=long_ago)
    OrderMessage.objects.filter(order=lapsed).update(created_at=long_ago)
    recent = _order_with_everything(email="recent@example.kz")
    Order.objects.filter(pk=recent.pk).update(created_at=long_ago)  # but wrote last week

    retention_sweep(as_of=timezone.localdate())

    lapsed.refresh_from_db()
    recent.refresh_from_db()
    assert lapsed.email == ERASED_EMAIL
    assert recent.email == "recent@example.kz"


def test_the_addresses_erasure_writes_get_no_mail_and_no_warning(caplog):
    buyer = UserFactory()
    # Completed: an open order keeps its contact data until it closes (test_open_orders).
    guest_order = OrderFactory(buyer=None, email="guest@mail.kz", status="completed")
    subjects = Subjects(user_ids=frozenset([buyer.pk]), emails=frozenset(["guest@mail.kz"]))
    subjects_erase(subjects=subjects)
    buyer.refresh_from_db()
    guest_order.refresh_from_db()

    with caplog.at_level(logging.WARNING, logger="outbox.services"):
        for address in (buyer.email, guest_order.email):
            assert mail_queue(to=address, subject="S", body="B") is None

    assert is_erased_email(buyer.email)
    assert is_erased_email(guest_order.email)
    assert not Email.objects.exists()
    assert caplog.records == []
