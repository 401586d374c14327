"""A campaign killed mid-send (SIGKILL, in the middle of a batch) and resumed sends each
remaining person exactly once."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from post_office.models import Email

from mailings import services
from mailings.models import Campaign, Delivery
from mailings.tests.factories import CampaignFactory, people

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]

# The sender of the test: batches of 10, each e-mail taking a while to write, so that a
# kill lands inside a batch's transaction.
SENDER = """
import time, django
django.setup()
from mailings.services import campaigns
real = campaigns.mail_queue
def slow(**kwargs):
    time.sleep(0.03)
    return real(**kwargs)
campaigns.mail_queue = slow
while campaigns.campaign_batch_send(campaign_id={campaign_id}, size=10).more:
    pass
"""


def _database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def test_a_campaign_killed_mid_send_and_resumed_sends_each_remaining_person_once(settings):
    settings.MAILING_RATE_PER_MINUTE = 10**9
    everyone = people(200)
    campaign = CampaignFactory()
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": "",
        "EMAIL_URL": "dummymail://",
        "MAILING_RATE_PER_MINUTE": str(10**9),
    }
    sender = subprocess.Popen(
        [sys.executable, "-c", SENDER.format(campaign_id=campaign.pk)], cwd=ROOT, env=env
    )
    deadline = time.monotonic() + 60
    while Delivery.objects.count() < 50:
        assert sender.poll() is None, "the sender stopped by itself"
        assert time.monotonic() < deadline, "the sender sent nothing"
        time.sleep(0.05)
    time.sleep(0.15)  # into the next batch's transaction
    os.kill(sender.pid, signal.SIGKILL)
    sender.wait(timeout=30)

    done_before = Delivery.objects.count()
    assert 50 <= done_before < 200
    assert done_before % 10 == 0  # the batch it was writing left nothing behind
    assert Email.objects.count() == done_before

    while services.campaign_batch_send(campaign_id=campaign.pk, size=10).more:
        pass

    per_address = Counter(address for e in Email.objects.all() for address in e.to)
    assert per_address == Counter(u.email for u in everyone)
    assert Counter(Delivery.objects.values_list("user_id", flat=True)) == Counter(
        u.pk for u in everyone
    )
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SENT
