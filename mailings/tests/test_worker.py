"""Mailings on a real Celery worker, through the real Redis broker."""

import email
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from post_office.models import STATUS, Email

from accounts.tasks import notification_digest_task
from mailings import services
from mailings.models import Campaign, Delivery
from mailings.tasks import (
    campaigns_resume_task,
    deliveries_purge_task,
    deliveries_settle_task,
    listings_digest_task,
)
from mailings.tests.factories import CampaignFactory, people

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def _mails_to(folder, addresses):
    """Return the worker's e-mails (the file backend's messages) sent to these addresses."""
    found = []
    for path in folder.iterdir():
        for raw in path.read_bytes().split(SEPARATOR):
            message = email.message_from_bytes(raw) if raw.strip() else None
            if message is not None and message["To"] in addresses:
                found.append(message)
    return found


def _wait(condition, what):
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"the worker did not {what}"
        time.sleep(0.2)


def test_a_campaign_to_3_opted_in_1_withdrawn_1_never_reaches_exactly_the_3(
    celery_worker_process, worker_mail_dir
):
    opted_in = people(3, prefix="worker-in")
    withdrawn = people(1, marketing="withdraw", prefix="worker-out")
    never = people(1, marketing=None, prefix="worker-never")
    campaign = CampaignFactory()

    services.campaign_start(campaign=campaign)  # the first batch is asked for on commit

    _wait(lambda: Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SENT, "finish")
    _wait(lambda: not Email.objects.exclude(status=STATUS.sent).exists(), "send the e-mails")
    everyone = {u.email for u in opted_in + withdrawn + never}
    mails = _mails_to(worker_mail_dir, everyone)
    assert sorted(m["To"] for m in mails) == sorted(u.email for u in opted_in)
    assert all(m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for m in mails)
    # The outcome reaches the records once the settle task has run.
    assert deliveries_settle_task.apply_async(ignore_result=False).get(timeout=60) == 3
    outcomes = Delivery.objects.filter(campaign=campaign).values_list("outcome", flat=True)
    assert sorted(outcomes) == ["sent"] * 3


def test_the_periodic_tasks_of_mailings_run_on_the_worker(celery_worker_process):
    people(2, prefix="worker-resume")
    draft = CampaignFactory()
    scheduled = services.campaign_start(
        campaign=CampaignFactory(scheduled_at=timezone.now() + timedelta(hours=1))
    )
    Campaign.objects.filter(pk=scheduled.pk).update(
        scheduled_at=timezone.now() - timedelta(minutes=1)
    )

    assert campaigns_resume_task.apply_async(ignore_result=False).get(timeout=60) >= 1
    assert deliveries_purge_task.apply_async(ignore_result=False).get(timeout=60) == 0
    assert listings_digest_task.apply_async(ignore_result=False).get(timeout=60) == 0
    assert notification_digest_task.apply_async(ignore_result=False).get(timeout=60) == 0
    _wait(
        lambda: not Campaign.objects.filter(status__in=["scheduled", "sending"]).exists(),
        "send the scheduled campaign",
    )
    assert Delivery.objects.filter(campaign=scheduled).count() == 2
    assert Campaign.objects.get(pk=draft.pk).is_draft
