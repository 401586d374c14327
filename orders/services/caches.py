"""Cached counts of orders that a change must forget once it commits."""

from __future__ import annotations

from accounts.selectors import seller_summary_cache_key
from portal.cache import forget_on_commit


def _forget_seller_summary(company) -> None:
    """Let the seller's header count the order at once (orders.selectors.seller_summary_get)."""
    forget_on_commit(seller_summary_cache_key(company.owner_id))
