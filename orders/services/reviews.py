"""The review rule orders add to listings (`listings.services.REVIEW_RULES`, plugged in by
`OrdersConfig.ready`): only a buyer with a completed order reviews a seller."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from orders.models import Order
from portal.text_types import StrOrPromise

REVIEW_NEEDS_COMPLETED_ORDER = _(
    "Only a buyer with a completed order from this seller can review them."
)


def review_needs_completed_order(*, user, company) -> StrOrPromise | None:
    """Refuse a review unless the user has a completed order from the seller."""
    if not user.is_authenticated:
        return REVIEW_NEEDS_COMPLETED_ORDER
    completed = Order.objects.filter(buyer=user, company=company, status=Order.Status.COMPLETED)
    return None if completed.exists() else REVIEW_NEEDS_COMPLETED_ORDER
