"""The privacy task family on a real Celery worker, through the real Redis broker."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from privacy.models import DataRequest, SweepRun
from privacy.tasks import data_request_run_task, retention_sweep_task

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _outbox_settled(timeout: float = 30) -> None:
    """Wait until the worker has sent every queued e-mail: the test's teardown then flushes
    tables no task is writing to (a flush beside a running task deadlocks)."""
    import time

    from post_office.models import STATUS, Email

    deadline = time.monotonic() + timeout
    while Email.objects.filter(status=STATUS.queued).exists():
        assert time.monotonic() < deadline, "the worker did not send the queued e-mails"
        time.sleep(0.2)


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
    _outbox_settled()  # the outcome letter, forgotten once sent


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


def test_the_privacy_digest_is_sent_by_the_worker(celery_worker_process, settings):
    from post_office.models import Email

    from privacy.tasks import privacy_digest_task

    DataRequest.objects.create(
        kind="access", email="late@mail.kz", status="verified",
        due_at=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip

    assert privacy_digest_task.apply_async(ignore_result=False).get(timeout=60) == 1

    _outbox_settled()
    assert Email.objects.filter(to=settings.PRIVACY_OFFICER_EMAIL, status=0).exists()


def test_a_breach_notice_is_sent_by_the_worker(celery_worker_process):
    from post_office.models import Email

    from orders.tests.factories import OrderFactory
    from privacy.models import Breach
    from privacy.tasks import breach_people_notify_task

    OrderFactory(email="guest@mail.kz")
    staff = UserFactory(is_staff=True)
    now = timezone.now()
    breach = Breach.objects.create(
        description="x", data_categories="phones", people_categories="guests", high_risk=True,
        source="orders.order", window_start=now - dt.timedelta(hours=1),
        window_end=now + dt.timedelta(hours=1), notice_text="Your phone may be known.",
        notice_approved_by=staff,
    )  # fmt: skip

    assert breach_people_notify_task.apply_async([breach.pk], ignore_result=False).get(60) == 1

    _outbox_settled()
    assert Email.objects.filter(to="guest@mail.kz", status=0).exists()  # 0: sent
