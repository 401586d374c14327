"""Publishing a task while the broker is down: no wait, no round trip, the row stays queued."""

import pytest
from django.db import transaction
from post_office.models import STATUS, Email

from outbox.services import mail_publish, mail_queue
from portal.breaker import breaker_for
from portal.celery import BrokerUnavailable, app
from portal.tests.helpers import publisher_pools_reset
from portal.tests.test_cache import CountingListener

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker():
    """A "broker" that accepts connections, counts them and hangs up: publishing fails."""
    listener = CountingListener()
    previous = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = f"redis://127.0.0.1:{listener.port}/0"
    app.conf.task_always_eager = False
    publisher_pools_reset()
    yield listener
    app.conf.broker_url, app.conf.task_always_eager = previous
    publisher_pools_reset()
    listener.close()


def _queued_mail():
    with transaction.atomic():
        return mail_queue(to="a@example.kz", subject="S", body="B")


def test_the_first_failed_publish_opens_the_breaker_and_the_next_ones_touch_nothing(broker):
    mail = _queued_mail()

    assert mail_publish(email_id=mail.pk) is False
    tried = broker.connections
    assert breaker_for(app.conf.broker_url).is_open

    assert [mail_publish(email_id=mail.pk) for _ in range(20)] == [False] * 20
    assert broker.connections == tried  # no round trip while the breaker is open
    assert Email.objects.get().status == STATUS.queued  # left for the drain
    assert tried >= 1


def test_a_task_published_while_the_breaker_is_open_raises_at_once(broker):
    from outbox.tasks import outbox_drain_task

    breaker_for(app.conf.broker_url).failed(ConnectionRefusedError("seen by the cache"))

    with pytest.raises(BrokerUnavailable):
        outbox_drain_task.delay()
    assert broker.connections == 0


def test_fire_and_forget_tasks_ignore_their_results(settings):
    from outbox.tasks import mail_send_task, outbox_drain_task

    assert settings.CELERY_TASK_IGNORE_RESULT is True
    assert mail_send_task.ignore_result
    assert outbox_drain_task.ignore_result
