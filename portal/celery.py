"""The portal's Celery app: configured from Django settings (namespace CELERY).

Publishing a task must never hold up a web request for long. Every task of the portal is a
`PortalTask`, whose publishing goes through the circuit breaker of the broker's Redis
(portal.breaker, shared with the cache): while the broker is known to be down, `delay`
raises `BrokerUnavailable` at once, without a network round trip; the first failure opens
the breaker. Callers publish after their transaction commits and keep what they publish
in the database (the outbox, a data request's status), so a periodic job publishes or does
it later. Results are ignored unless a caller asks for one (CELERY_TASK_IGNORE_RESULT):
asking would make publishing subscribe to the result backend, another Redis round trip.
"""

import os

from celery import Celery, Task
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")


class BrokerUnavailable(OperationalError):
    """The broker is known to be down: nothing was published."""


def _broker_errors():
    from redis.exceptions import ConnectionError, TimeoutError

    return (OperationalError, ConnectionError, TimeoutError, OSError)


class PortalTask(Task):
    def apply_async(self, args=None, kwargs=None, task_id=None, producer=None, link=None,
                    link_error=None, shadow=None, **options):  # fmt: skip
        conf = self.app.conf
        if conf.task_always_eager or not conf.broker_url.startswith(("redis://", "rediss://")):
            return super().apply_async(
                args, kwargs, task_id, producer, link, link_error, shadow, **options
            )
        from portal.breaker import breaker_for

        breaker = breaker_for(conf.broker_url)
        if not breaker.allows():
            raise BrokerUnavailable(f"The broker is down; {self.name} was not published.")
        try:
            result = super().apply_async(
                args, kwargs, task_id, producer, link, link_error, shadow, **options
            )
        except _broker_errors() as error:
            breaker.failed(error)
            raise
        breaker.succeeded()
        return result


app = Celery("portal", task_cls=PortalTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
