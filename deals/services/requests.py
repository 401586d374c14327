"""Requests for quotation: posting one to the matching (or chosen) sellers, the sellers'
opening and declining, the daily digest, and closing: by the buyer or at the needed-by date.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.services import user_touch
from deals import notify
from deals.models import Quote, QuoteRequest, Recipient, SellerPreference
from deals.selectors import seller_match_list
from deals.services.base import DealError
from privacy.services import disclosure_record

NEEDED_BY_PAST = _("The needed-by date must be today or later.")
NO_MATCHING_SELLERS = _(
    "No seller offers this category in this region yet. Choose a broader category or "
    "another region."
)
CHOOSE_SELLERS = _("Choose at least one seller, or send the request to every matching seller.")
REQUEST_NOT_OPEN = _("This request is closed: it takes no more quotes or changes.")
# What a seller sees of the buyer on a request: the region it goes to and, for a company,
# its name (never a person's name or contacts, which come only with an accepted quote).
SEEN_FIELDS = ("region", "buyer_organization")
SEEN_REASON = _("The seller opened a request for quotation sent to them")
LIVE = (Quote.Status.SENT, Quote.Status.COUNTERED)


def _recipients(*, buyer, audience: str, category, region: str, sellers) -> list:
    if audience == QuoteRequest.Audience.MATCHING:
        companies = list(seller_match_list(category=category, region=region))
        missing = NO_MATCHING_SELLERS
    else:
        companies = [c for c in sellers if c.owner.is_active]
        missing = CHOOSE_SELLERS
    companies = [c for c in companies if c.owner_id != buyer.pk]  # never to oneself
    if not companies:
        raise DealError(missing)
    return companies


def request_post(*, buyer, audience: str, sellers=(), **fields) -> QuoteRequest:
    """Post a request and send it to its sellers: e-mailed now, or in their daily digest.

    `fields` are the request's own (title, description, category, quantity, unit,
    region, needed_by, budget, buyer_organization), validated by the form.
    """
    if fields["needed_by"] < timezone.localdate():
        raise DealError(NEEDED_BY_PAST)
    companies = _recipients(
        buyer=buyer,
        audience=audience,
        category=fields["category"],
        region=fields["region"],
        sellers=sellers,
    )
    digest = set(
        SellerPreference.objects.filter(
            company__in=companies, rfq_mail=SellerPreference.Mail.DIGEST
        ).values_list("company_id", flat=True)
    )
    now = timezone.now()
    with transaction.atomic():
        request = QuoteRequest.objects.create(buyer=buyer, audience=audience, **fields)
        Recipient.objects.bulk_create(
            Recipient(
                request=request,
                company=company,
                created_at=now,
                notified_at=None if company.pk in digest else now,
            )
            for company in companies
        )
        for company in companies:
            if company.pk not in digest:
                notify.request_received(request=request, company=company)
        user_touch(user=buyer)
    return request


def recipient_open(*, recipient: Recipient, actor) -> Recipient:
    """Record that the seller opened the request: seen once, disclosed every time."""
    request = recipient.request
    with transaction.atomic():
        if recipient.seen_at is None:
            recipient.seen_at = timezone.now()
            Recipient.objects.filter(pk=recipient.pk, seen_at=None).update(
                seen_at=recipient.seen_at
            )
        disclosure_record(
            actor=actor,
            actor_label=recipient.company.name,
            subject=request.buyer,
            fields=SEEN_FIELDS,
            purpose="service",
            reason=str(SEEN_REASON),
            object_label=f"RFQ {request.public_id}",
        )
    return recipient


def recipient_decline(*, recipient: Recipient) -> Recipient:
    """The seller will not quote: the request counts as answered for their response rate."""
    if not recipient.request.is_open:
        raise DealError(REQUEST_NOT_OPEN)
    now = timezone.now()
    Recipient.objects.filter(pk=recipient.pk).update(
        declined=True, responded_at=recipient.responded_at or now
    )
    recipient.declined = True
    recipient.responded_at = recipient.responded_at or now
    return recipient


def preference_save(*, company, rfq_mail: str) -> SellerPreference:
    preference, _created = SellerPreference.objects.update_or_create(
        company=company, defaults={"rfq_mail": rfq_mail}
    )
    return preference


def _close(request: QuoteRequest, status: str) -> None:
    """Close a locked open request; tell the other sellers who quoted, and nothing more."""
    request.status = status
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at"])
    others = (
        Quote.objects.filter(request=request)
        .exclude(status=Quote.Status.ACCEPTED)
        .select_related("company__owner")
    )
    companies = [quote.company for quote in others]
    others.filter(status__in=LIVE).update(status=Quote.Status.CLOSED)
    notify.request_closed(request=request, companies=companies)


def request_cancel(*, request: QuoteRequest, user) -> QuoteRequest:
    """The buyer closes their open request without accepting a quote."""
    with transaction.atomic():
        request = QuoteRequest.objects.select_for_update().get(pk=request.pk)
        if not request.is_open:
            raise DealError(REQUEST_NOT_OPEN)
        _close(request, QuoteRequest.Status.CANCELLED)
        if user is not None:  # None: staff closed it, which is no activity of the buyer
            user_touch(user=user)
    return request


def requests_expire(*, today=None) -> int:
    """Close the open requests whose needed-by date has passed; return how many.

    One transaction per request (each locked and checked again), so a request accepted
    meanwhile is left alone and a failure closes the others still.
    """
    today = today or timezone.localdate()
    due = QuoteRequest.objects.filter(status=QuoteRequest.Status.OPEN, needed_by__lt=today)
    closed = 0
    for pk in list(due.values_list("pk", flat=True)[:1000]):
        with transaction.atomic():
            request = QuoteRequest.objects.select_for_update().filter(pk=pk).first()
            if request is None or not request.is_open:
                continue
            _close(request, QuoteRequest.Status.EXPIRED)
            closed += 1
    return closed


def digest_send(*, now=None) -> int:
    """E-mail each seller who chose the digest the open requests not yet sent; return mails."""
    now = now or timezone.now()
    pending = (
        Recipient.objects.filter(
            notified_at=None,
            request__status=QuoteRequest.Status.OPEN,
            company__deal_preference__rfq_mail=SellerPreference.Mail.DIGEST,
        )
        .select_related("request", "company__owner")
        .order_by("company_id", "created_at")
    )
    by_company: dict = {}
    for recipient in pending[:5000]:
        by_company.setdefault(recipient.company, []).append(recipient)
    for company, recipients in by_company.items():
        with transaction.atomic():
            notify.digest(company=company, requests=[r.request for r in recipients])
            Recipient.objects.filter(pk__in=[r.pk for r in recipients]).update(notified_at=now)
    return len(by_company)
