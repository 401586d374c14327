"""A mail server that refuses connections loses no e-mail: each goes out once it is back.

A real SMTP server (aiosmtpd) on a port of the test's own: not listening at first (every
connection refused), then accepting.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from post_office.models import STATUS, Email

from orders import services as order_services
from orders.tests.factories import OrderFactory
from outbox.services import outbox_drain
from portal.celery import app
from privacy.services import data_request_submit

pytestmark = pytest.mark.django_db


def test_a_privacy_mail_and_an_order_mail_wait_for_the_mail_server_and_go_once(
    smtp, django_capture_on_commit_callbacks
):
    order = OrderFactory(email="buyer@example.kz")
    with django_capture_on_commit_callbacks(execute=True):  # sent at once: refused
        data_request_submit(
            kind="access", email="guest@example.kz", confirm_url_for=lambda token: f"/c/{token}/"
        )
        order_services.order_confirm(order=order, actor=order.company.owner, final_total=900)

    assert smtp.messages == []
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.requeued}
    smtp.start()
    later = timezone.now() + timedelta(minutes=5)

    assert outbox_drain(now=later) == 2
    assert outbox_drain(now=later + timedelta(hours=1)) == 0

    assert Counter(smtp.recipients()) == Counter({"guest@example.kz": 1, "buyer@example.kz": 1})
    texts = "\n".join(content for _rcpt, content in smtp.messages)
    assert "/c/" in texts  # the confirmation link reached the guest
    assert order.number in texts
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_the_outbox_drain_and_purge_are_on_the_beat_schedule(settings):
    drain = settings.CELERY_BEAT_SCHEDULE["outbox-drain"]
    purge = settings.CELERY_BEAT_SCHEDULE["outbox-purge"]

    assert (drain["task"], drain["schedule"]) == ("outbox.tasks.outbox_drain_task", 60)
    assert purge["task"] == "outbox.tasks.outbox_purge_task"
    assert {drain["task"], purge["task"]} <= set(app.tasks)
