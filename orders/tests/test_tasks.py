"""The outbox task on a real Celery worker, through the real Redis broker."""

import pytest

from orders import services
from orders.models import OutgoingMail
from orders.tasks import mail_send_task

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_a_queued_mail_is_sent_by_the_worker_and_marked_sent(celery_worker_process):
    mail = services.mail_queue(to="buyer@example.kz", subject="Order 2026-000001", body="Hi")

    assert mail_send_task.delay(mail.pk).get(timeout=60) in (True, False)

    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert mail.attempts == 1
    assert mail.sent_at is not None
