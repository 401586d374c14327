"""Quotes: the seller's quote and its revisions, the buyer's counter-offers and decline,
and accepting a quote, which places the order through the orders app's own service.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts.services import user_touch
from deals import notify
from deals.models import MAX_TOTAL, MAX_UNIT_PRICE, CounterOffer, Quote, QuoteRequest, QuoteRevision
from deals.services.base import DealError
from deals.services.requests import REQUEST_NOT_OPEN, _close
from listings.models import Listing
from listings.money import money_format
from orders.cart import AgreedLine, CartLine, SellerGroup
from orders.models import Order
from orders.services import OrderError, order_place
from portal.text_types import StrOrPromise

QUOTE_NOT_LIVE = _("This quote is “%(status)s”: it can no longer be changed.")
QUOTE_ACCEPTED = _("This quote is accepted: it can no longer be revised.")
VALID_UNTIL_PAST = _("The validity date must be today or later.")
PRICE_TOO_LARGE = _("The price per unit can be at most %(max)s ₸.")
TOTAL_TOO_LARGE = _("The total can be at most %(max)s ₸: an order cannot hold more.")
QUOTE_EXPIRED = _(
    "This quote is no longer valid (its date has passed): ask the seller to revise it."
)
COUNTER_EMPTY = _("Propose a price, a quantity or other terms.")
COUNTER_WAITING = _("Your previous counter-offer is still waiting for the seller's answer.")
COUNTER_ANSWERED = _("This counter-offer has been answered already.")
DELIVERY_LINE = _("Delivery: %(terms)s")


def amount_limit(message, maximum: Decimal) -> StrOrPromise:
    """Return `message` with its %(max)s, the amount written in the reader's language.

    Lazy: form fields made at import time show it in the language of each request.
    """
    return lazy(lambda: message % {"max": money_format(maximum, sign=False)}, str)()


def terms_check(*, price, quantity, delivery_cost, valid_until, **_other) -> None:
    """Refuse figures an order could not hold, and a validity date in the past."""
    if price > MAX_UNIT_PRICE:
        raise DealError(amount_limit(PRICE_TOO_LARGE, MAX_UNIT_PRICE))
    if price * quantity + delivery_cost > MAX_TOTAL:
        raise DealError(amount_limit(TOTAL_TOO_LARGE, MAX_TOTAL))
    if valid_until < timezone.localdate():
        raise DealError(VALID_UNTIL_PAST)


def _locked(request: QuoteRequest, company) -> tuple[QuoteRequest, Quote | None]:
    """Lock the request, then the seller's quote if there is one (always in this order)."""
    request = QuoteRequest.objects.select_for_update().get(pk=request.pk)
    quote = Quote.objects.select_for_update().filter(request=request, company=company).first()
    return request, quote


def _locked_quote(request: QuoteRequest, company) -> tuple[QuoteRequest, Quote]:
    """`_locked` for the quote acted on, which exists."""
    request, quote = _locked(request, company)
    if quote is None:
        raise Quote.DoesNotExist
    return request, quote


def _revise(quote: Quote | None, *, request, company, terms: dict, counter_answer: str) -> Quote:
    terms_check(**terms)
    if quote is None:
        quote = Quote.objects.create(request=request, company=company, **terms)
    else:
        if quote.is_accepted or quote.status == Quote.Status.CLOSED:
            raise DealError(
                QUOTE_ACCEPTED
                if quote.is_accepted
                else QUOTE_NOT_LIVE % {"status": quote.status_label}
            )
        for name, value in terms.items():
            setattr(quote, name, value)
        quote.revision += 1
        quote.status = Quote.Status.SENT
        quote.save()
    QuoteRevision.objects.create(quote=quote, number=quote.revision, **terms)
    now = timezone.now()
    quote.counters.filter(answer=CounterOffer.Answer.PENDING).update(
        answer=counter_answer, answered_at=now
    )
    request.recipients.filter(company=company, responded_at=None).update(responded_at=now)
    notify.quote_received(quote=quote)
    return quote


def quote_submit(*, request: QuoteRequest, company, actor, terms: dict) -> Quote:
    """Send the seller's quote on a request, or a revision of it (each revision is kept)."""
    with transaction.atomic():
        request, quote = _locked(request, company)
        if not request.is_open:
            raise DealError(REQUEST_NOT_OPEN)
        quote = _revise(
            quote,
            request=request,
            company=company,
            terms=terms,
            counter_answer=CounterOffer.Answer.REVISED,
        )
        user_touch(user=actor)
    return quote


def quote_decline(*, quote: Quote, user) -> Quote:
    """The buyer declines a quote (the seller may still revise it while the request is open)."""
    with transaction.atomic():
        request, quote = _locked_quote(quote.request, quote.company)
        if not quote.is_live:
            raise DealError(QUOTE_NOT_LIVE % {"status": quote.status_label})
        quote.status = Quote.Status.DECLINED
        quote.save(update_fields=["status", "updated_at"])
        user_touch(user=user)
    return quote


def counter_send(*, quote: Quote, user, price=None, quantity=None, terms: str = "") -> CounterOffer:
    """The buyer proposes other figures or terms; the quote waits for the seller's answer."""
    if price is None and quantity is None and not terms.strip():
        raise DealError(COUNTER_EMPTY)
    with transaction.atomic():
        request, quote = _locked_quote(quote.request, quote.company)
        if not request.is_open:
            raise DealError(REQUEST_NOT_OPEN)
        if not quote.is_live:
            raise DealError(QUOTE_NOT_LIVE % {"status": quote.status_label})
        if quote.is_countered:
            raise DealError(COUNTER_WAITING)
        if price is not None:
            terms_check(
                price=price,
                quantity=quantity or quote.quantity,
                delivery_cost=quote.delivery_cost,
                valid_until=quote.valid_until,
            )
        counter = CounterOffer.objects.create(
            quote=quote, price=price, quantity=quantity, terms=terms.strip()
        )
        quote.status = Quote.Status.COUNTERED
        quote.save(update_fields=["status", "updated_at"])
        user_touch(user=user)
        notify.counter_received(counter=counter)
    return counter


def counter_answer(*, counter: CounterOffer, company, actor, accept: bool) -> CounterOffer:
    """The seller accepts the counter-offer (a revision with its figures) or declines it."""
    with transaction.atomic():
        request, quote = _locked_quote(counter.quote.request, company)
        counter = CounterOffer.objects.select_for_update().get(pk=counter.pk, quote=quote)
        if not request.is_open:
            raise DealError(REQUEST_NOT_OPEN)
        if not counter.is_pending:
            raise DealError(COUNTER_ANSWERED)
        if accept:
            terms = {name: getattr(quote, name) for name in Quote.TERM_FIELDS}
            terms["price"] = counter.price if counter.price is not None else quote.price
            terms["quantity"] = counter.quantity or quote.quantity
            _revise(
                quote,
                request=request,
                company=company,
                terms=terms,
                counter_answer=CounterOffer.Answer.ACCEPTED,
            )
        else:
            CounterOffer.objects.filter(pk=counter.pk).update(
                answer=CounterOffer.Answer.DECLINED, answered_at=timezone.now()
            )
            quote.status = Quote.Status.SENT
            quote.save(update_fields=["status", "updated_at"])
        counter.refresh_from_db()
        user_touch(user=actor)
        notify.counter_answered(counter=counter)
    return counter


def _agreed(quote: Quote, request: QuoteRequest) -> SellerGroup:
    lines: list[CartLine] = [
        AgreedLine(
            listing_id=None,
            title=request.title[:200],
            quantity=quote.quantity,
            added_price=quote.price,
            listing=None,
            available=True,
            agreed_unit=request.unit,
        )
    ]
    if quote.delivery_cost:
        title = str(DELIVERY_LINE % {"terms": quote.delivery_terms})[:200]
        lines.append(
            AgreedLine(
                listing_id=None,
                title=title,
                quantity=1,
                added_price=quote.delivery_cost,
                listing=None,
                available=True,
                agreed_unit=Listing.Unit.SERVICE,
            )
        )
    return SellerGroup(company=quote.company, lines=lines)


def quote_accept(
    *, quote: Quote, user, contact: dict, checkout_token: str, ip="", user_agent=""
) -> Order:
    """Accept a quote: place the order with its seller at its figures, close the request.

    The order goes through `orders.services.order_place`, as from the cart: the same
    numbering, e-mails, consent event, and the seller sees the buyer's contact data only
    there, on the order. A second submit of the same form returns the same order.
    """
    with transaction.atomic():
        request, quote = _locked_quote(quote.request, quote.company)
        if quote.is_accepted and quote.order and quote.order.checkout_token == checkout_token:
            return quote.order
        if not request.is_open:
            raise DealError(REQUEST_NOT_OPEN)
        if not quote.is_live:
            raise DealError(QUOTE_NOT_LIVE % {"status": quote.status_label})
        if quote.is_expired:
            raise DealError(QUOTE_EXPIRED)
        try:
            placed = order_place(
                cart=None,
                company=quote.company,
                user=user,
                checkout_token=checkout_token,
                shipping_method=quote.shipping_method,
                payment_method=quote.payment_method,
                agreed=_agreed(quote, request),
                ip=ip,
                user_agent=user_agent,
                **contact,
            )
        except OrderError as error:
            raise DealError(error.message) from error
        quote.status = Quote.Status.ACCEPTED
        quote.order = placed.order
        quote.save(update_fields=["status", "order", "updated_at"])
        _close(request, QuoteRequest.Status.ACCEPTED)
        notify.quote_accepted(quote=quote)
    return placed.order
