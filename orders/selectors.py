"""Reads of orders. Every object read here checks who is asking: nobody reaches another
person's order by changing an id in a URL (a seller another seller's, a buyer another
buyer's), and a stranger gets None, as for an order that does not exist (views answer both with the
same 404: portal.lookups.found_or_404).
"""

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from accounts.models import Company
from accounts.selectors import SELLER_SUMMARY_CACHE_SECONDS, seller_summary_cache_key
from listings.models import Listing
from orders.models import Order, OrderMessage
from portal.cache import cached

logger = logging.getLogger(__name__)
# A cached None (a user without a company) must be told apart from a miss.
_MISSING = object()

UNREAD_CACHE_SECONDS = 300


def unread_cache_key(user_id: int) -> str:
    return f"orders:unread:{user_id}"


def _with_counts(orders: QuerySet[Order], *, unread_side: str) -> QuerySet[Order]:
    return orders.annotate(
        item_count=Count("items", distinct=True),
        unread_count=Count(
            "messages",
            filter=Q(messages__side=unread_side, messages__read_at__isnull=True),
            distinct=True,
        ),
    )


def order_list_for_seller(*, company, status: str = "") -> QuerySet[Order]:
    """Return the seller's orders, new ones first, then newest; optionally of one status.

    No contact data: the list shows numbers, the buyer's organisation and city, totals,
    statuses and ages, so opening it discloses no contact (the detail page does, and
    records it). The address is read only for its city (`Order.city`).
    """
    orders = Order.objects.filter(company=company)
    if status:
        orders = orders.filter(status=status)
    new_first = Case(
        When(status=Order.Status.NEW, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        _with_counts(orders, unread_side=OrderMessage.Side.BUYER)
        .only(
            "pk",
            "number",
            "status",
            "subtotal",
            "has_items_on_request",
            "final_total",
            "created_at",
            "organization",
            "address",
        )  # fmt: skip
        .order_by(new_first, "-created_at", "-pk")
    )


def order_status_counts(*, company) -> dict[str, int]:
    """Return the number of the seller's orders per status (one query)."""
    rows = Order.objects.filter(company=company).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows.order_by()}


def order_get_for_seller(*, company, pk: int) -> Order | None:
    """Return the seller's order with its lines, history and messages, or None."""
    return (
        Order.objects.filter(company=company, pk=pk)
        .select_related("company", "buyer")
        .prefetch_related("items", "events", "messages")
        .first()
    )


def order_get_for_buyer(*, public_id, user) -> Order | None:
    """Return the order behind a buyer's link, or None.

    A guest's order opens for whoever holds its unguessable link (sent only to the
    buyer's e-mail). An order placed by a signed-in buyer opens only for that buyer.
    """
    order = (
        Order.objects.filter(public_id=public_id)
        .select_related("company")
        .prefetch_related("items", "events", "messages")
        .first()
    )
    if order is None:
        return None
    if order.buyer_id is not None and (not user.is_authenticated or user.pk != order.buyer_id):
        return None
    return order


def order_list_for_buyer(*, user) -> QuerySet[Order]:
    """Return the signed-in buyer's orders, newest first, with their sellers."""
    return (
        _with_counts(Order.objects.filter(buyer=user), unread_side=OrderMessage.Side.SELLER)
        .select_related("company")
        .order_by("-created_at", "-pk")
    )


# What `services.checkout_token_new` makes: 43 characters of the URL-safe alphabet.
CHECKOUT_TOKEN_MAX_LENGTH = 64


def checkout_token_valid(token: str) -> bool:
    """Return whether `token` could be a checkout token (not a crafted value).

    Checked before any query: PostgreSQL refuses a NUL byte in a text parameter outright.
    """
    return (
        0 < len(token) <= CHECKOUT_TOKEN_MAX_LENGTH
        and token.isascii()
        and all(character.isalnum() or character in "-_" for character in token)
    )


def order_by_checkout_token(*, token: str) -> Order | None:
    if not checkout_token_valid(token or ""):
        return None
    return Order.objects.filter(checkout_token=token).first()


def unread_message_count(*, user) -> int:
    """Return how many messages on the user's orders (as buyer or seller) they have not read.

    Cached per user; sending and reading messages forget the cache (orders.services).
    """
    if not user.is_authenticated:
        return 0

    def count():
        return OrderMessage.objects.filter(
            Q(order__buyer=user, side=OrderMessage.Side.SELLER)
            | Q(order__company__owner=user, side=OrderMessage.Side.BUYER),
            read_at__isnull=True,
        ).count()

    return cached(unread_cache_key(user.pk), count, timeout=UNREAD_CACHE_SECONDS)


@dataclass(frozen=True)
class SellerSummary:
    """What waits for a seller, shown in the header's "Seller" menu and the desk's tabs."""

    company_id: int
    new_orders: int
    blocked_listings: int

    @property
    def waiting(self) -> int:
        return self.new_orders + self.blocked_listings


def _count_of(queryset) -> Coalesce:
    """Return a subquery of the number of rows of `queryset` (filtered on an OuterRef)."""
    counted = queryset.order_by().values("company").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _seller_summary_read(user_id: int) -> SellerSummary | None:
    row = (
        Company.objects.filter(owner_id=user_id)
        .annotate(
            new_orders=_count_of(
                Order.objects.filter(company=OuterRef("pk"), status=Order.Status.NEW)
            ),
            blocked_listings=_count_of(
                Listing.objects.filter(company=OuterRef("pk"), status=Listing.Status.BLOCKED)
            ),
        )
        .values_list("pk", "new_orders", "blocked_listings")
        .first()
    )
    return SellerSummary(*row) if row is not None else None


def seller_summary_get(*, user) -> SellerSummary | None:
    """Return what waits for the user as a seller, or None for a user without a company.

    One query (the company with its counts), cached per user for a minute: every page a
    signed-in person opens shows it. Becoming a seller, a new order and a status change
    forget the cache; without a cache (Redis down) the query is simply run.
    """
    if not user.is_authenticated:
        return None
    key = seller_summary_cache_key(user.pk)
    try:
        cached = cache.get(key, _MISSING)
    except Exception:
        logger.warning("Seller summary cache unavailable", exc_info=True)
        return _seller_summary_read(user.pk)
    if cached is not _MISSING:
        return cached
    summary = _seller_summary_read(user.pk)
    try:
        cache.set(key, summary, SELLER_SUMMARY_CACHE_SECONDS)
    except Exception:
        logger.warning("Seller summary cache unavailable", exc_info=True)
    return summary
