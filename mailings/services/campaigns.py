"""Sending a campaign: started, sent batch by batch at a set rate, resumable, cancellable.

Why it is shaped like this:
- One batch is one transaction: the campaign row is locked, the next recipients are read
  (consent re-read from the ledger: mailings.audience), and for each one the outbox row and
  the delivery record are written, then the cursor moves past them. A crash anywhere rolls
  the whole batch back; the unique (campaign, user) delivery is the last guard. So a
  campaign killed mid-send and resumed sends each remaining person exactly once.
- The rate (MAILING_RATE_PER_MINUTE) is kept by the database, not by the broker: each
  batch stores when the next may run, and a batch asked for earlier does nothing. A task
  chain runs the batches; Celery beat's resume restarts a chain that died (broker down,
  worker killed), and a second chain can only ever find the campaign locked or too early.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mailings import audience
from mailings.content import Mail, campaign_blocks, campaign_mail
from mailings.models import Campaign, Delivery
from outbox.services import mail_queue
from portal.errors import ShownError

logger = logging.getLogger(__name__)

BATCH_MAX = 500
# A sending campaign whose next batch is this late has lost its task chain.
STALLED_AFTER = timedelta(minutes=1)
TEST_SUBJECT = _("[Test, %(language)s] %(subject)s")


class CampaignError(ShownError):
    """A campaign that cannot be changed so; the message is safe to show staff."""


NOT_A_DRAFT = _("Only a draft can be sent; this campaign is “%(status)s”.")
NOT_CANCELLABLE = _("Only a scheduled or sending campaign can be cancelled.")
NO_RUSSIAN_SUBJECT = _("Write the subject in Russian first: it is the text everyone can get.")


@dataclass(frozen=True)
class Batch:
    sent: int
    more: bool
    wait: float = 0.0


def batch_plan() -> tuple[int, float]:
    """Return (recipients per batch, seconds between batches) for MAILING_RATE_PER_MINUTE."""
    rate = max(1, settings.MAILING_RATE_PER_MINUTE)
    size = min(BATCH_MAX, rate)
    return size, size * 60 / rate


def _kick(campaign_id: int) -> None:
    """Ask a worker for the campaign's next batch once the caller's transaction commits."""

    def publish():
        from mailings.tasks import campaign_batch_task

        try:
            campaign_batch_task.delay(campaign_id)
        except Exception as error:  # the broker is down: the resume task carries on
            logger.info("Campaign %s left for the resume task (%s).", campaign_id, error)

    transaction.on_commit(publish)


def campaign_start(*, campaign: Campaign, now=None) -> Campaign:
    """Send a draft now, or at its `scheduled_at`; record the audience it starts with."""
    now = now or timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not campaign.is_draft:
            raise CampaignError(NOT_A_DRAFT % {"status": campaign.get_status_display()})
        if not campaign.subject_ru:
            raise CampaignError(NO_RUSSIAN_SUBJECT)
        if campaign.scheduled_at and campaign.scheduled_at > now:
            campaign.status = Campaign.Status.SCHEDULED
            campaign.save(update_fields=["status"])
            return campaign
        _begin(campaign, now)
    return campaign


def _begin(campaign: Campaign, now) -> None:
    campaign.status = Campaign.Status.SENDING
    campaign.started_at = now
    campaign.audience_at_start = audience.audience_count(campaign)
    campaign.save(update_fields=["status", "started_at", "audience_at_start"])
    _kick(campaign.pk)


def campaign_cancel(*, campaign: Campaign) -> Campaign:
    """Stop a scheduled or sending campaign: no batch runs after this commits."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not campaign.can_cancel:
            raise CampaignError(NOT_CANCELLABLE)
        campaign.status = Campaign.Status.CANCELLED
        campaign.finished_at = timezone.now()
        campaign.save(update_fields=["status", "finished_at"])
    return campaign


def campaign_batch_send(*, campaign_id: int, now=None, size: int | None = None) -> Batch:
    """Send the campaign's next batch, if it is sending and its time has come."""
    now = now or timezone.now()
    planned_size, interval = batch_plan()
    size = size or planned_size
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update(skip_locked=True).filter(pk=campaign_id).first()
        )
        if campaign is None or not campaign.is_sending:
            return Batch(0, more=False)  # finished, cancelled, or another worker has it
        if campaign.next_batch_at and now < campaign.next_batch_at:
            return Batch(0, more=False)  # too early: the chain that set the time carries on
        users = audience.audience_batch(campaign, after=campaign.cursor, size=size)
        queued = _queue(campaign, users, now) if users else 0
        campaign.queued_count += queued
        if users:
            campaign.cursor = users[-1].pk
        more = len(users) == size
        if more:
            campaign.next_batch_at = now + timedelta(seconds=interval)
        else:
            campaign.status = Campaign.Status.SENT
            campaign.finished_at = now
        campaign.save(
            update_fields=["queued_count", "cursor", "next_batch_at", "status", "finished_at"]
        )
    return Batch(len(users), more=more, wait=interval)


def _queue(campaign: Campaign, users: list, now) -> int:
    """Write each user's e-mail and delivery record; return how many e-mails were queued."""
    blocks = campaign_blocks(campaign)
    mails: dict[str, Mail] = {}
    deliveries = []
    for user in users:
        language = user.language or settings.LANGUAGE_CODE
        if language not in mails:
            mails[language] = campaign_mail(campaign, blocks, language)
        email = mail_queue(**mails[language].to(user=user, campaign_id=campaign.pk))
        deliveries.append(
            Delivery(
                campaign=campaign,
                user_id=user.pk,
                created_at=now,
                outcome=Delivery.Outcome.QUEUED if email else Delivery.Outcome.NO_ADDRESS,
                email_id=email.pk if email else None,
            )
        )
    Delivery.objects.bulk_create(deliveries)
    return sum(1 for d in deliveries if d.email_id)


def campaign_test_send(*, campaign: Campaign, user) -> int:
    """E-mail the campaign to `user` (staff) once in every language; record no delivery."""
    blocks = campaign_blocks(campaign)
    sent = 0
    with transaction.atomic():
        for language, _name in settings.LANGUAGES:
            mail = campaign_mail(campaign, blocks, language)
            kwargs = mail.to(user=user, campaign_id=campaign.pk)
            kwargs["subject"] = TEST_SUBJECT % {"language": language, "subject": mail.subject}
            kwargs["language"] = language
            sent += mail_queue(**kwargs) is not None
    return sent


def campaigns_resume(*, now=None) -> int:
    """Start the scheduled campaigns that are due and restart stalled ones; return how many."""
    now = now or timezone.now()
    started = 0
    due = Campaign.objects.filter(status=Campaign.Status.SCHEDULED, scheduled_at__lte=now)
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            campaign = Campaign.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if campaign is not None and campaign.status == Campaign.Status.SCHEDULED:
                _begin(campaign, now)
                started += 1
    stalled = Campaign.objects.filter(status=Campaign.Status.SENDING).exclude(
        next_batch_at__gt=now - STALLED_AFTER
    )
    for pk in list(stalled.values_list("pk", flat=True)):
        with transaction.atomic():
            _kick(pk)
        started += 1
    return started
