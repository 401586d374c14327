"""Cached counts of orders that a change must forget once it commits."""

from __future__ import annotations

from django.db import transaction

from accounts.selectors import seller_summary_cache_key
from accounts.services import cache_forget


def _forget_seller_summary(company) -> None:
    """Let the seller's header count the order at once (orders.selectors.seller_summary_get)."""
    key = seller_summary_cache_key(company.owner_id)
    transaction.on_commit(lambda: cache_forget(key))
