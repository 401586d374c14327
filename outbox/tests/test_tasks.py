"""The outbox task family on a real Celery worker, through the real Redis broker."""

import time

import pytest
from django.db import transaction
from post_office.models import STATUS, Email

from outbox.services import mail_queue
from outbox.tasks import mail_send_task, outbox_drain_task, outbox_purge_task

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _wait_until_sent(mail, deadline_seconds=60):
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        mail.refresh_from_db()
        if mail.status == STATUS.sent:
            return
        time.sleep(0.1)


def test_a_mail_queued_in_a_transaction_is_sent_by_the_worker_once_committed(
    celery_worker_process,
):
    with transaction.atomic():
        mail = mail_queue(to="buyer@example.kz", subject="Order 2026-000001", body="Hi")

    _wait_until_sent(mail)

    assert mail.status == STATUS.sent
    assert mail.logs.filter(status=STATUS.sent).count() == 1
    # Asked again (a redelivery, a second publish), the worker does not send it again.
    assert mail_send_task.apply_async([mail.pk], ignore_result=False).get(timeout=60) is False


def test_the_drain_and_the_purge_run_on_the_worker(celery_worker_process):
    mail = Email.objects.create(
        from_email="no-reply@portal.kz", to=["late@example.kz"], subject="S", message="B",
        status=STATUS.queued,
    )  # fmt: skip
    Email.objects.filter(pk=mail.pk).update(created=mail.created.replace(year=2000))

    assert outbox_drain_task.apply_async(ignore_result=False).get(timeout=60) == 1
    assert outbox_purge_task.apply_async(ignore_result=False).get(timeout=60) == 1
    assert not Email.objects.exists()
