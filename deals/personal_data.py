"""The deals app's declaration to the privacy engine (see privacy.registry).

- Conversations and their messages are deleted with the buyer; a seller's erasure deletes
  the messages they wrote. Messages are declared first, so that they are still found
  through their conversation's buyer before the conversation goes.
- A request keeps its figures (quantity, unit, region, dates, budget) and its quotes, which
  are the sellers' records: erasure empties what the buyer wrote (what, details, the
  organization shown) and closes it if it was open. Counter-offers keep their figures and
  lose their words.
- A quote and each revision hold the seller's comment, emptied with the seller's account;
  their figures stay for the buyer's records and the seller's. A buyer's export carries the
  quotes on their requests, with the requests.
"""

from collections import defaultdict

from django.db.models import Case, F, Value, When
from django.utils.translation import gettext_lazy as _

from deals.models import Conversation, CounterOffer, Message, Quote, QuoteRequest, QuoteRevision
from privacy.registry import Erasure, LegalBasis, Source, Subjects, by_user, registry, via

_requests_of = by_user("buyer")
_conversations_of = by_user("buyer")
_on_conversations_of = via("conversation", Conversation, _conversations_of)
QUOTE_EXPORT = (
    "request_id",
    "company__name",
    "status",
    "revision",
    "price",
    "quantity",
    "delivery_cost",
    "delivery_date",
    "delivery_terms",
    "payment_terms",
    "shipping_method",
    "payment_method",
    "valid_until",
    "comment",
    "created_at",
)
REQUEST_EXPORT = (
    "pk",
    "public_id",
    "title",
    "description",
    "category__slug",
    "quantity",
    "unit",
    "region",
    "needed_by",
    "budget",
    "buyer_organization",
    "audience",
    "status",
    "created_at",
    "closed_at",
)


def _messages_of(subjects: Subjects):
    """Messages the subjects wrote, and every message in their conversations as buyers."""
    alternatives = _on_conversations_of(subjects)
    if subjects.user_ids:
        alternatives.append(by_user("author")(subjects))
    return alternatives


def _export_requests(subjects: Subjects) -> list[dict]:
    """Return the subjects' requests, each with the quotes it received (two queries)."""
    requests = registry.get(QuoteRequest._meta.label_lower).rows(subjects)
    rows = list(requests.order_by("pk").values(*REQUEST_EXPORT))
    quotes = defaultdict(list)
    for quote in Quote.objects.filter(request_id__in=[r["pk"] for r in rows]).values(*QUOTE_EXPORT):
        quotes[quote.pop("request_id")].append(quote)
    for row in rows:
        row["quotes"] = quotes.get(row["pk"], [])
    return rows


registry.register(
    Source(
        model=Message,
        fields=("author", "body"),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The other side of the conversation: the seller, or the buyer"),
        description=_("Your questions to sellers and their answers"),
        subject_filter=_messages_of,
        erasure=Erasure.DELETE,
        export_fields=("pk", "conversation__subject", "side", "body", "created_at"),
    )
)

registry.register(
    Source(
        model=Conversation,
        fields=("buyer", "subject", "last_message_at"),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The seller you asked"),
        description=_("Your conversations with sellers"),
        subject_filter=_conversations_of,
        erasure=Erasure.DELETE,
        export_fields=("pk", "company__name", "subject", "created_at", "last_message_at"),
    )
)

registry.register(
    Source(
        model=CounterOffer,
        fields=("terms",),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The seller whose quote you answered"),
        description=_("Your counter-offers on quotes"),
        subject_filter=via("quote__request", QuoteRequest, _requests_of),
        erasure=Erasure.ANONYMISE,
        anonymised={"terms": ""},
        export_fields=(
            "pk",
            "quote__request__public_id",
            "quote__company__name",
            "price",
            "quantity",
            "terms",
            "answer",
            "created_at",
        ),
    )
)

for _model, _company, _description in (
    (Quote, "company__name", _("Comments you wrote on your company's quotes")),
    (
        QuoteRevision,
        "quote__company__name",
        _("Comments you wrote on earlier versions of your company's quotes"),
    ),
):
    registry.register(
        Source(
            model=_model,
            fields=("comment",),
            purpose="service",
            legal_basis=LegalBasis.CONTRACT,
            recipients=_("The buyer who asked for the quote"),
            description=_description,
            subject_filter=by_user(_company.replace("name", "owner")),
            erasure=Erasure.ANONYMISE,
            anonymised={"comment": ""},
            export_fields=("pk", _company, "price", "quantity", "comment", "created_at"),
        )
    )

registry.register(
    Source(
        model=QuoteRequest,
        fields=("buyer", "title", "description", "buyer_organization"),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The sellers it was sent to (never your name or contacts)"),
        description=_("Your requests for quotation and the quotes they received"),
        subject_filter=_requests_of,
        erasure=Erasure.ANONYMISE,
        anonymised={
            "title": "",
            "description": "",
            "buyer_organization": "",
            # An erased buyer's open request stops reaching sellers.
            "status": Case(
                When(status=QuoteRequest.Status.OPEN, then=Value(QuoteRequest.Status.CANCELLED)),
                default=F("status"),
            ),
        },
        custom_export=_export_requests,
    )
)
