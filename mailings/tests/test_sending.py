"""Sending a campaign: batches, consent re-read at each, records, headers, the rate."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone
from post_office.models import Email

from mailings import services
from mailings.models import Campaign, Delivery
from mailings.services.campaigns import NOT_A_DRAFT
from mailings.tests.factories import CampaignFactory, people
from privacy.models import Purpose
from privacy.services import consent_withdraw

pytestmark = pytest.mark.django_db


def _send_all(campaign, *, size=None, between=None) -> int:
    batches = 0
    while services.campaign_batch_send(campaign_id=campaign.pk, size=size).sent:
        batches += 1
        if between:
            between(batches)
    return batches


def test_each_consenting_person_gets_one_email_and_one_delivery_record(unthrottled):
    reached = people(3)
    people(1, marketing="withdraw", prefix="w")
    people(1, marketing=None, prefix="n")
    campaign = services.campaign_start(campaign=CampaignFactory())

    _send_all(campaign)

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert campaign.audience_at_start == 3
    assert campaign.queued_count == 3
    assert sorted(e.to[0] for e in Email.objects.all()) == sorted(u.email for u in reached)
    deliveries = Delivery.objects.filter(campaign=campaign)
    assert sorted(d.user_id for d in deliveries) == sorted(u.pk for u in reached)
    assert {d.outcome for d in deliveries} == {Delivery.Outcome.QUEUED}
    assert all(d.email_id for d in deliveries)


def test_every_email_carries_one_click_unsubscribe_headers_and_the_footer(unthrottled):
    (person,) = people(1, language="kk")
    campaign = services.campaign_start(campaign=CampaignFactory())

    _send_all(campaign)

    email = Email.objects.get()
    unsubscribe = email.headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http")
    assert "/unsubscribe/" in unsubscribe
    assert "<mailto:" in unsubscribe
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # In the person's language, with why they get it and a link to their consents.
    assert email.subject == "Dala Market көктемгі жаңалықтары"
    assert "Егіс маусымы ашылды." in email.message
    assert "/account/privacy/" in email.message
    link = unsubscribe[1 : unsubscribe.index(">")]
    assert link in email.message
    assert link in email.html_message


def test_a_person_who_withdraws_half_way_through_10000_gets_nothing_after(unthrottled):
    everyone = people(10_000)
    late = everyone[7_500]
    campaign = services.campaign_start(campaign=CampaignFactory())

    def withdraw_at_half(batches):
        if batches == 10:  # 10 batches of 500: half the audience has its e-mail
            consent_withdraw(purpose=Purpose.MARKETING, channel="account", text_shown="No",
                             user=late)  # fmt: skip

    _send_all(campaign, size=500, between=withdraw_at_half)

    campaign.refresh_from_db()
    assert campaign.queued_count == 9_999
    assert not Delivery.objects.filter(user=late).exists()
    assert not Email.objects.filter(to=[late.email]).exists()
    assert Delivery.objects.filter(campaign=campaign).count() == 9_999


def test_a_batch_that_fails_half_way_is_rolled_back_whole_and_resumed_once(
    unthrottled, monkeypatch
):
    everyone = people(10)
    campaign = services.campaign_start(campaign=CampaignFactory())
    from mailings.services import campaigns

    real_queue, calls = campaigns.mail_queue, []

    def crashing(**kwargs):
        calls.append(kwargs["to"])
        if len(calls) == 7:
            raise ConnectionError("the database went away")
        return real_queue(**kwargs)

    monkeypatch.setattr(campaigns, "mail_queue", crashing)
    services.campaign_batch_send(campaign_id=campaign.pk, size=4)
    with pytest.raises(ConnectionError):
        services.campaign_batch_send(campaign_id=campaign.pk, size=4)
    assert Delivery.objects.count() == 4
    assert Email.objects.count() == 4
    monkeypatch.setattr(campaigns, "mail_queue", real_queue)

    _send_all(campaign, size=4)

    assert sorted(e.to[0] for e in Email.objects.all()) == sorted(u.email for u in everyone)


def test_the_unique_record_refuses_a_second_delivery_of_a_campaign_to_a_person():
    (person,) = people(1)
    campaign = CampaignFactory()
    Delivery.objects.create(campaign=campaign, user=person)

    with pytest.raises(IntegrityError):
        Delivery.objects.create(campaign=campaign, user=person)


def test_the_next_batch_waits_for_the_rate(settings):
    settings.MAILING_RATE_PER_MINUTE = 120  # batches of 120, one a minute
    people(200)
    campaign = services.campaign_start(campaign=CampaignFactory())
    now = timezone.now()

    first = services.campaign_batch_send(campaign_id=campaign.pk, now=now)
    early = services.campaign_batch_send(campaign_id=campaign.pk, now=now + timedelta(seconds=30))
    second = services.campaign_batch_send(campaign_id=campaign.pk, now=now + timedelta(seconds=61))

    assert (first.sent, first.more, first.wait) == (120, True, 60)
    assert (early.sent, early.more) == (0, False)
    assert (second.sent, second.more) == (80, False)


def test_a_cancelled_campaign_sends_no_further_batch(unthrottled):
    people(6)
    campaign = services.campaign_start(campaign=CampaignFactory())
    services.campaign_batch_send(campaign_id=campaign.pk, size=2)

    services.campaign_cancel(campaign=campaign)
    _send_all(campaign, size=2)

    assert Email.objects.count() == 2
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CANCELLED


def test_a_scheduled_campaign_waits_for_its_time_and_then_starts(unthrottled):
    people(2)
    later = timezone.now() + timedelta(hours=2)
    campaign = services.campaign_start(campaign=CampaignFactory(scheduled_at=later))
    assert campaign.status == Campaign.Status.SCHEDULED
    assert services.campaigns_resume() == 0

    services.campaigns_resume(now=later + timedelta(seconds=1))

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENDING
    _send_all(campaign)
    assert Email.objects.count() == 2


def test_only_a_draft_starts():
    campaign = services.campaign_start(campaign=CampaignFactory())

    with pytest.raises(services.CampaignError) as refused:
        services.campaign_start(campaign=campaign)

    assert str(refused.value) == str(NOT_A_DRAFT % {"status": campaign.get_status_display()})


def test_a_test_goes_to_the_staff_member_in_every_language_without_a_record(staff_user):
    campaign = CampaignFactory()

    assert services.campaign_test_send(campaign=campaign, user=staff_user) == 3

    subjects = sorted(Email.objects.values_list("subject", flat=True))
    assert subjects[0].startswith("[Test, en] Spring news")
    assert all(e.to == [staff_user.email] for e in Email.objects.all())
    assert not Delivery.objects.exists()


@pytest.fixture
def staff_user(db):
    from accounts.tests.factories import UserFactory

    return UserFactory(is_staff=True)
