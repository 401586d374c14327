"""E-mails through the outbox: written with the change, sent by a task, never lost."""

import datetime as dt
import smtplib

import pytest
from django.utils import timezone

from orders import services
from orders.models import Order, OutgoingMail
from orders.tasks import mail_send_task
from orders.tests.conftest import send_order
from orders.tests.factories import OrderFactory
from portal.celery import app

pytestmark = pytest.mark.django_db

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


def _reset_publisher_pools():
    # Celery caches its connection and producer pools on first publish; a new broker URL
    # takes effect only once they are dropped (as Celery itself does after a fork).
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Point publishing at a port that refuses connections; restore the broker after."""
    previous = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = UNREACHABLE_BROKER
    app.conf.task_always_eager = False
    _reset_publisher_pools()

    def restore():
        app.conf.broker_url, app.conf.task_always_eager = previous
        _reset_publisher_pools()

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
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}


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
    started = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = send_order(guest_in_cart, company, order_form)
    seconds = (timezone.now() - started).total_seconds()

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == order.get_absolute_url()
    assert seconds < 20  # publishing gives up fast instead of hanging the request
    assert mailoutbox == []
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"pending"}

    broker_down()  # the broker is back (tasks run inline in this test process)
    published = services.mail_outbox_flush(now=timezone.now() + dt.timedelta(minutes=2))

    assert published == 2
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}
    assert {m.to[0] for m in mailoutbox} == {company.owner.email, "erlan.akhmetov@example.kz"}


def test_the_flush_leaves_fresh_rows_to_their_own_publish(db):
    services.mail_queue(to="a@example.kz", subject="S", body="B")

    assert services.mail_outbox_flush() == 0
    assert services.mail_outbox_flush(now=timezone.now() + dt.timedelta(minutes=2)) == 1


def test_a_mail_is_sent_once_however_often_its_task_runs(db, mailoutbox):
    mail = services.mail_queue(to="a@example.kz", subject="S", body="B")

    assert mail_send_task.apply(args=[mail.pk]).get() is True
    assert mail_send_task.apply(args=[mail.pk]).get() is False

    assert len(mailoutbox) == 1
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == ("sent", 1)
    assert mail.sent_at is not None


def test_a_failed_send_is_recorded_and_left_pending(db, monkeypatch):
    mail = services.mail_queue(to="a@example.kz", subject="S", body="B")

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.mail_send(mail_id=mail.pk)

    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == ("pending", 1)
    assert "gone" in mail.last_error


def test_a_mail_that_keeps_failing_is_given_up(db, monkeypatch):
    mail = services.mail_queue(to="a@example.kz", subject="S", body="B")
    OutgoingMail.objects.filter(pk=mail.pk).update(attempts=services.MAX_MAIL_ATTEMPTS - 1)
    monkeypatch.setattr(
        "django.core.mail.EmailMessage.send",
        lambda self, fail_silently=False: (_ for _ in ()).throw(OSError("down")),
    )

    with pytest.raises(OSError, match="down"):
        services.mail_send(mail_id=mail.pk)

    mail.refresh_from_db()
    assert mail.status == "failed"
    assert services.mail_outbox_flush(now=timezone.now() + dt.timedelta(minutes=2)) == 0


def test_a_mail_exists_only_if_its_change_is_committed(db):
    from django.db import transaction

    def change_that_fails():
        with transaction.atomic():
            services.mail_queue(to="a@example.kz", subject="S", body="B")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert not OutgoingMail.objects.exists()


def test_no_mail_goes_to_an_erased_address(company, mailoutbox, django_capture_on_commit_callbacks):
    order = OrderFactory(company=company, email="erased@invalid")

    with django_capture_on_commit_callbacks(execute=True):
        services.order_cancel(order=order, actor=company.owner, reason="Нет товара")

    assert not OutgoingMail.objects.exists()
    assert mailoutbox == []


def test_the_outbox_flush_runs_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["orders-mail-outbox-flush"]

    assert entry["task"] == "orders.tasks.mail_outbox_flush_task"
    assert entry["schedule"] == 60
    assert entry["task"] in app.tasks
