"""Celery tasks of mailings: thin wrappers around mailings.services.

A campaign's batches form a chain: each task sends one batch and, if more remain, asks
for the next after the wait that keeps MAILING_RATE_PER_MINUTE. The rate and the cursor
live in the database (see mailings/services/campaigns.py), so a lost or doubled task
costs nothing but a retry by `campaigns_resume_task`.
"""

import logging

from celery import shared_task

from mailings import services

logger = logging.getLogger(__name__)


@shared_task
def campaign_batch_task(campaign_id: int) -> int:
    """Send a campaign's next batch; ask for the one after it at the rate's pace."""
    batch = services.campaign_batch_send(campaign_id=campaign_id)
    # Inline (no broker: `make run`) a chain would recurse batch after batch in one
    # request; there the next batch waits for the resume task instead.
    if batch.more and not campaign_batch_task.app.conf.task_always_eager:
        try:
            campaign_batch_task.apply_async([campaign_id], countdown=batch.wait)
        except Exception as error:  # the broker is down: the resume task carries on
            logger.info("Campaign %s left for the resume task (%s).", campaign_id, error)
    return batch.sent


@shared_task
def campaigns_resume_task() -> int:
    """Start due scheduled campaigns and restart stalled ones (Celery beat, every minute)."""
    return services.campaigns_resume()


@shared_task
def deliveries_settle_task() -> int:
    """Copy sent and failed outcomes from the outbox to the deliveries (Celery beat)."""
    return services.deliveries_settle()


@shared_task
def deliveries_purge_task() -> int:
    """Delete delivery records past MAILING_DELIVERY_RETENTION_DAYS (Celery beat, daily)."""
    return services.deliveries_purge()


@shared_task
def listings_digest_task() -> int:
    """Send the weekly digest of new listings (Celery beat, Mondays)."""
    return services.listings_digest_send()
