"""The privacy task family on a real Celery worker, through the real Redis broker."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from privacy.models import DataRequest, SweepRun
from privacy.tasks import data_request_run_task, retention_sweep_task

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_a_users_erasure_request_is_answered_by_the_worker(celery_worker_process):
    user = UserFactory()
    data_request = DataRequest.objects.create(
        kind="erasure", user=user, email=user.email, status="verified", verified_at=timezone.now()
    )

    assert (
        data_request_run_task.apply_async([data_request.pk], ignore_result=False).get(timeout=60)
        == "done"
    )

    user.refresh_from_db()
    assert user.email == f"erased-{user.pk}@invalid"
    data_request.refresh_from_db()
    assert data_request.report["check_passed"] is True


def test_the_retention_sweep_runs_on_the_worker(celery_worker_process):
    lapsed = UserFactory()
    long_ago = timezone.now() - dt.timedelta(days=365 * 6)
    User.objects.filter(pk=lapsed.pk).update(last_interaction_at=long_ago)
    active = UserFactory()

    result = retention_sweep_task.apply_async(ignore_result=False).get(timeout=60)

    assert result["subjects"] == 1
    assert User.objects.get(pk=lapsed.pk).email.endswith("@invalid")
    assert not User.objects.get(pk=active.pk).email.endswith("@invalid")
    assert SweepRun.objects.get().status == "done"
