"""Reads of deals. Object reads check who asks and return None to a stranger (the views
make the 404): a buyer reads only their own requests, a seller only the requests sent to
them and only their own quote.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import Company
from deals.models import Conversation, Message, Quote, QuoteRequest, Recipient, Side
from listings.models import Category, Listing, Review
from orders.models import Order, OrderMessage
from orders.selectors import unread_message_count
from portal.cache import cached

INBOX_LIMIT = 100
UNREAD_CACHE_SECONDS = 300
STATS_SAMPLE = 200
STATS_DAYS = 180


def unread_cache_key(user_id: int) -> str:
    return f"deals:unread:{user_id}"


# --- Matching sellers to a request -----------------------------------------------------------


def _delivers_to(region: str) -> Q:
    """Return the condition on a seller's listing that it reaches `region`.

    The one place to extend when companies declare the regions they deliver to: today a
    seller reaches the region their company is registered in, and the region a listing
    of theirs is offered in.
    """
    return Q(region=region) | Q(company__region=region)


def seller_match_list(*, category: Category, region: str) -> QuerySet[Company]:
    """Return the sellers a request in `category` (or its subsections) to `region` goes to."""
    categories = Category.objects.filter(Q(pk=category.pk) | Q(parent_id=category.pk))
    listings = Listing.objects.visible().filter(category__in=categories.values("pk"))
    reaching = listings.filter(_delivers_to(region)).values("company_id")
    return Company.objects.filter(pk__in=reaching, owner__is_active=True).order_by("name")


# --- Requests and quotes ------------------------------------------------------------------------


def request_list_for_buyer(*, user) -> QuerySet[QuoteRequest]:
    return (
        QuoteRequest.objects.filter(buyer=user)
        .select_related("category")
        .annotate(quote_count=Count("quotes"))
        .order_by("-created_at", "-pk")
    )


def request_get_for_buyer(*, public_id, user) -> QuoteRequest | None:
    if not user.is_authenticated:
        return None
    return (
        QuoteRequest.objects.filter(public_id=public_id, buyer=user)
        .select_related("category")
        .first()
    )


def _with_rating(quotes: QuerySet[Quote]) -> QuerySet[Quote]:
    reviews = Review.objects.shown().filter(company=OuterRef("company_id")).order_by()
    average = reviews.values("company_id").annotate(a=Avg("rating")).values("a")
    count = reviews.values("company_id").annotate(n=Count("pk")).values("n")
    return quotes.annotate(
        rating_average=Subquery(average),
        rating_count=Coalesce(Subquery(count, output_field=IntegerField()), 0),
    )


def quote_list_for_request(*, request: QuoteRequest) -> list[Quote]:
    """Return the quotes on a request for its buyer, cheapest total first.

    A fixed number of queries whatever their number: the quotes with their sellers,
    ratings and conversations, then their counter-offers.
    """
    quotes = (
        _with_rating(Quote.objects.filter(request=request))
        .select_related("company", "conversation")
        .prefetch_related("counters")
    )
    return sorted(quotes, key=lambda q: (not q.is_live, q.total, q.pk))


def quote_get_for_buyer(*, request: QuoteRequest, pk: int) -> Quote | None:
    return Quote.objects.filter(request=request, pk=pk).select_related("company").first()


def recipient_list_for_seller(*, company) -> QuerySet[Recipient]:
    """Return the requests sent to the seller, newest first, with their own quote's status."""
    own_quote = Quote.objects.filter(request=OuterRef("request_id"), company=company)
    return (
        Recipient.objects.filter(company=company)
        .select_related("request", "request__category")
        .annotate(
            quote_status=Subquery(own_quote.values("status")[:1]),
            quote_revision=Subquery(own_quote.values("revision")[:1]),
        )
        .order_by("-created_at", "-pk")
    )


def recipient_get(*, company, public_id) -> Recipient | None:
    """Return the seller's copy of a request, or None when it was not sent to them."""
    if company is None:
        return None
    return (
        Recipient.objects.filter(company=company, request__public_id=public_id)
        .select_related("request", "request__category", "request__buyer")
        .first()
    )


def quote_get_for_seller(*, company, request: QuoteRequest) -> Quote | None:
    return (
        Quote.objects.filter(request=request, company=company)
        .select_related("conversation")
        .prefetch_related("revisions", "counters")
        .first()
    )


# --- Conversations and the inbox ---------------------------------------------------------------


def conversation_get(*, pk: int, user=None, company=None) -> Conversation | None:
    """Return a conversation for its buyer (`user`) or its seller (`company`), else None."""
    if user is not None:
        if not user.is_authenticated:
            return None
        rows = Conversation.objects.filter(pk=pk, buyer=user)
    elif company is not None:
        rows = Conversation.objects.filter(pk=pk, company=company)
    else:
        return None
    return (
        rows.select_related("company", "listing", "quote__request")
        .prefetch_related("messages")
        .first()
    )


@dataclass(frozen=True)
class InboxItem:
    title: str
    counterpart: str
    last_at: datetime
    unread: int
    url: str
    is_order: bool


def _conversation_items(conversations, *, as_seller: bool) -> list[InboxItem]:
    other = Side.BUYER if as_seller else Side.SELLER
    rows = conversations.select_related("company").annotate(
        unread=Count("messages", filter=Q(messages__side=other, messages__read_at=None))
    )
    name = "deals:seller_conversation" if as_seller else "deals:conversation"
    return [
        InboxItem(
            title=c.subject,
            counterpart=str(Side.BUYER.label) if as_seller else c.company.name,
            last_at=c.last_message_at,
            unread=c.unread,
            url=reverse(name, args=[c.pk]),
            is_order=False,
        )
        for c in rows.order_by("-last_message_at", "-pk")[:INBOX_LIMIT]
    ]


def _order_items(orders, *, as_seller: bool) -> list[InboxItem]:
    other = OrderMessage.Side.BUYER if as_seller else OrderMessage.Side.SELLER
    rows = (
        orders.filter(Exists(OrderMessage.objects.filter(order=OuterRef("pk"))))
        .select_related("company")
        .annotate(
            last_at=Max("messages__created_at"),
            unread=Count("messages", filter=Q(messages__side=other, messages__read_at=None)),
        )
        .only("pk", "number", "public_id", "company__name")
    )
    items = []
    for order in rows.order_by("-last_at", "-pk")[:INBOX_LIMIT]:
        if as_seller:
            url, counterpart = reverse("orders:desk_detail", args=[order.pk]), Side.BUYER.label
        else:
            url, counterpart = order.get_absolute_url(), order.company.name
        items.append(
            InboxItem(
                title=order.number,
                counterpart=str(counterpart),
                last_at=order.last_at,
                unread=order.unread,
                url=url,
                is_order=True,
            )
        )
    return items


def inbox_list(*, user=None, company=None) -> list[InboxItem]:
    """Return a person's threads, newest first: conversations and orders with messages.

    Two queries whatever the number of threads: the conversations, and the orders with
    messages, each with its unread count; at most INBOX_LIMIT of the newest are shown.
    """
    if company is not None:
        items = _conversation_items(
            Conversation.objects.filter(company=company), as_seller=True
        ) + _order_items(Order.objects.filter(company=company), as_seller=True)
    else:
        items = _conversation_items(
            Conversation.objects.filter(buyer=user), as_seller=False
        ) + _order_items(Order.objects.filter(buyer=user), as_seller=False)
    items.sort(key=lambda item: item.last_at, reverse=True)
    return items[:INBOX_LIMIT]


def _deals_unread(user) -> int:
    def count():
        return Message.objects.filter(
            Q(conversation__buyer=user, side=Side.SELLER)
            | Q(conversation__company__owner=user, side=Side.BUYER),
            read_at__isnull=True,
        ).count()

    return cached(unread_cache_key(user.pk), count, timeout=UNREAD_CACHE_SECONDS)


def unread_total(*, user) -> int:
    """Return the unread messages of the user's conversations and orders (both cached)."""
    if not user.is_authenticated:
        return 0
    return _deals_unread(user) + unread_message_count(user=user)


# --- The seller's desk and public page -----------------------------------------------------------


@dataclass(frozen=True)
class DeskCounts:
    new_requests: int
    unanswered_questions: int


def _count_of(rows: QuerySet) -> Coalesce:
    counted = rows.order_by().values("company_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def desk_counts(*, company) -> DeskCounts:
    """Return the open requests the seller has not opened yet, and questions awaiting them.

    One query (it runs on every page of the seller's desk).
    """
    new = Recipient.objects.filter(
        company=OuterRef("pk"), seen_at__isnull=True, request__status=QuoteRequest.Status.OPEN
    )
    unanswered = Conversation.objects.filter(company=OuterRef("pk"), last_side=Side.BUYER)
    row = (
        Company.objects.filter(pk=company.pk)
        .annotate(new=_count_of(new), unanswered=_count_of(unanswered))
        .values("new", "unanswered")
        .first()
    ) or {"new": 0, "unanswered": 0}
    return DeskCounts(new_requests=row["new"], unanswered_questions=row["unanswered"])


@dataclass(frozen=True)
class ResponseStats:
    rate: int | None  # per cent of requests and questions answered
    median: timedelta | None

    @property
    def median_hours(self) -> float | None:
        return None if self.median is None else round(self.median.total_seconds() / 3600, 1)


def seller_response_stats(*, company, now=None) -> ResponseStats:
    """Return how often and how fast the seller answered requests and questions lately.

    Over the last STATS_DAYS: the share of requests received that the seller quoted or
    declined, with questions asked and answered; the median time to the first answer of
    the latest STATS_SAMPLE answers of each kind. One query, and two more for the median
    when there are answers.
    """
    since = (now or timezone.now()) - timedelta(days=STATS_DAYS)
    received = Recipient.objects.filter(company=OuterRef("pk"), created_at__gte=since)
    asked = Conversation.objects.filter(company=OuterRef("pk"), created_at__gte=since, quote=None)
    row = (
        Company.objects.filter(pk=company.pk)
        .annotate(
            received=_count_of(received),
            quoted=_count_of(received.exclude(responded_at=None)),
            asked=_count_of(asked),
            replied=_count_of(asked.exclude(first_reply_at=None)),
        )
        .values("received", "quoted", "asked", "replied")
        .first()
    )
    if not row or not (total := row["received"] + row["asked"]):
        return ResponseStats(rate=None, median=None)
    answered = row["quoted"] + row["replied"]
    median = _median_answer_time(company, since) if answered else None
    return ResponseStats(rate=round(100 * answered / total), median=median)


def _median_answer_time(company, since) -> timedelta | None:
    answer_time = ExpressionWrapper(F("answered") - F("asked"), output_field=DurationField())
    requests = (
        Recipient.objects.filter(company=company, created_at__gte=since)
        .exclude(responded_at=None)
        .annotate(asked=F("created_at"), answered=F("responded_at"))
        .order_by("-responded_at")
        .values_list(answer_time, flat=True)[:STATS_SAMPLE]
    )
    questions = (
        Conversation.objects.filter(company=company, created_at__gte=since, quote=None)
        .exclude(first_reply_at=None)
        .annotate(asked=F("created_at"), answered=F("first_reply_at"))
        .order_by("-first_reply_at")
        .values_list(answer_time, flat=True)[:STATS_SAMPLE]
    )
    # Two queries rather than a UNION: SQLite (`make run`) cannot order a union's parts.
    durations = [*requests, *questions]
    return statistics.median(durations) if durations else None
