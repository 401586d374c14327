"""Writes of mailings, one module per topic; import them from here."""

from mailings.services.campaigns import (
    Batch,
    CampaignError,
    batch_plan,
    campaign_batch_send,
    campaign_cancel,
    campaign_start,
    campaign_test_send,
    campaigns_resume,
)
from mailings.services.deliveries import deliveries_purge, deliveries_settle
from mailings.services.digest import listings_digest_send
from mailings.services.preferences import followed_categories_save
from mailings.services.unsubscribe import Unsubscribed, unsubscribe_confirm, unsubscribe_subject

__all__ = [
    "Batch",
    "CampaignError",
    "Unsubscribed",
    "batch_plan",
    "campaign_batch_send",
    "campaign_cancel",
    "campaign_start",
    "campaign_test_send",
    "campaigns_resume",
    "deliveries_purge",
    "deliveries_settle",
    "followed_categories_save",
    "listings_digest_send",
    "unsubscribe_confirm",
    "unsubscribe_subject",
]
