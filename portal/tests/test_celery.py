from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.celery import app
from portal.tasks import sessions_clear


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_sessions_clear_runs_on_a_real_worker_through_redis(celery_worker_process):
    assert app.conf.broker_url.startswith("redis://")
    assert app.conf.task_always_eager is False
    Session.objects.create(
        session_key="expired" * 4, session_data="", expire_date=timezone.now() - timedelta(days=1)
    )
    Session.objects.create(
        session_key="current" * 4, session_data="", expire_date=timezone.now() + timedelta(days=1)
    )

    result = sessions_clear.apply_async(ignore_result=False)  # results are ignored unless asked

    assert result.get(timeout=30) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["current" * 4]
