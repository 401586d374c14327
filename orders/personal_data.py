"""The orders app's declaration to the privacy engine (see privacy.registry).

- An order keeps its contact data for the seller to deliver and invoice. Erasure
  anonymises them but keeps the order, its lines and totals: accounting law keeps those.
  Subjects are signed-in buyers by account and guests by the e-mail on the order (stored
  normalised, so that erasure matches it); a guest's orders are their activity for the
  retention sweep.
- Messages on an order are deleted: those the person wrote, as buyer or as seller. The
  seller's messages on a buyer's order are the seller's own and stay when the buyer is
  erased (and the other way round). They are declared before the order, so that the
  erasure engine, which walks sources in the order of declaration, still finds them
  through the order's e-mail before the order is anonymised. (The e-mails about orders
  are rows of the outbox, declared by privacy.personal_data.)
- An open order (new, confirmed or shipped) keeps its contact data and the buyer's
  messages on it: the seller needs them to deliver (performance of the contract). Erasure
  leaves them and reports them as kept; once the order is completed or cancelled, the
  next run (the retention sweep finishes waiting requests) erases them.
- The history of an order names who changed it; it is part of the accounting record and
  kept, and the account it points at is anonymised by the accounts source.
"""

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from orders.models import CONTACT_FIELDS, Order, OrderEvent, OrderItem, OrderMessage
from outbox.erased import ERASED_EMAIL
from privacy.registry import (
    Erasure,
    LegalBasis,
    Source,
    Subjects,
    by_user_or_email,
    registry,
    via,
)

# The contact data of the order form, and the signatory of a company purchase.
PERSONAL_FIELDS = (*CONTACT_FIELDS, "buyer_signatory")
# "Buy as a company": a legal entity's details, not personal data (the signatory is).
COMPANY_FIELDS = ("buyer_bin", "buyer_legal_address", "buyer_bic", "buyer_iban")

_orders_of = by_user_or_email("buyer", "email")
# Rows on the orders of these subjects (as buyers, signed in or guests).
_on_orders_of = via("order", Order, _orders_of)


def _messages_of(subjects: Subjects) -> list[Q]:
    """Messages the subjects wrote: as buyers on their orders (signed in or as guests),
    and as sellers; never the other side's messages on the same orders."""
    buyer_side = Q(side=OrderMessage.Side.BUYER)
    on_orders = [alt & buyer_side for alt in _on_orders_of(subjects)]
    if subjects.user_ids:
        on_orders.append(Q(author__in_batch=subjects.user_ids))
    if subjects.emails:
        on_orders.append(Q(author_email__in_batch=subjects.emails))
    return on_orders


OPEN_ORDER = Q(status__in=Order.OPEN)
KEPT_WHY = _("Performance of the contract: the seller needs them to deliver the order")
KEPT_UNTIL = _("until the order is completed or cancelled")


def _buyer_words_on_open_orders(subjects: Subjects) -> Q | None:
    """The buyer's messages on the subjects' open orders (looked up once per batch).

    By the ids of those orders rather than through a join to the orders: a DELETE with a
    join is a subquery per statement, every batch; most batches have few open orders.
    """
    key = ("orders", "open")
    if key not in subjects.related:
        rows = Order.objects.filter(OPEN_ORDER)
        subjects.related[key] = frozenset(
            pk
            for alt in _alternatives(subjects)
            for pk in rows.filter(alt).values_list("pk", flat=True)
        )
    ids = subjects.related[key]
    return Q(side=OrderMessage.Side.BUYER, order_id__in_batch=ids) if ids else None


def _alternatives(subjects: Subjects) -> list[Q]:
    condition = _orders_of(subjects)
    return condition if isinstance(condition, list) else [condition]


def _export_orders(subjects: Subjects) -> list[dict]:
    """Return the subjects' orders; phone numbers as E.164 text, ready for JSON."""
    names = (
        "pk", "number", "company__name", "status", *PERSONAL_FIELDS, *COMPANY_FIELDS,
        "shipping_method",
        "payment_method", "subtotal", "final_total", "cancel_reason", "created_at",
    )  # fmt: skip
    orders = registry.get(Order._meta.label_lower).rows(subjects)
    rows = list(orders.order_by("pk").values(*names))
    items = defaultdict(list)
    lines = OrderItem.objects.filter(order_id__in=[row["pk"] for row in rows]).order_by("pk")
    for line in lines.values("order_id", "title", "unit", "price", "quantity"):
        items[line.pop("order_id")].append(line)
    for row in rows:
        row["phone"] = str(row["phone"] or "")
        row["items"] = items.get(row["pk"], [])
    return rows


registry.register(
    Source(
        model=OrderMessage,
        fields=("author", "author_email", "body"),
        purpose="orders",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The other side of the order: the seller, or the buyer"),
        description=_("Messages between buyer and seller on your orders"),
        subject_filter=_messages_of,
        erasure=Erasure.DELETE,
        export_fields=("pk", "order__number", "side", "body", "created_at"),
        guest_activity=("author_email", "created_at"),
        # The buyer's words on an open order may be delivery instructions: kept with it.
        kept_while=_buyer_words_on_open_orders,
        kept_why=KEPT_WHY,
        kept_until=KEPT_UNTIL,
        people=("order__buyer", "order__email"),
        time_field="created_at",
    )
)

registry.register(
    Source(
        model=Order,
        fields=("buyer", *PERSONAL_FIELDS),
        purpose="orders",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The seller you sent the order to"),
        description=_("Your orders: contact data for the seller, items and totals"),
        subject_filter=_orders_of,
        erasure=Erasure.ANONYMISE,
        anonymised={
            "full_name": "",
            "organization": "",
            "email": ERASED_EMAIL,
            "phone": "",
            "address": "",
            "comment": "",
            "buyer_signatory": "",
        },
        custom_export=_export_orders,
        guest_activity=("email", "created_at"),
        kept_while=OPEN_ORDER,
        kept_why=KEPT_WHY,
        kept_until=KEPT_UNTIL,
        people=("buyer", "email"),
        time_field="created_at",
    )
)

registry.register(
    Source(
        model=OrderEvent,
        fields=("actor",),
        purpose="orders",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients=_("The buyer and the seller of the order"),
        description=_("Who changed the status of an order, and when"),
        subject_filter=lambda subjects: (
            Q(actor__in_batch=subjects.user_ids) if subjects.user_ids else Q(pk__in=[])
        ),
        erasure=Erasure.KEEP,
        kept_because=_(
            "The history of an order is part of the accounting record; the account it "
            "names is itself anonymised."
        ),
        export_fields=("pk", "order__number", "status", "actor_label", "created_at"),
    )
)

registry.exempt(
    Order,
    COMPANY_FIELDS,
    reason=(
        "The buyer company's BIN, legal address, bank BIC and account: details of a legal "
        "entity for its invoice, not a person's data (the signatory's name is declared)."
    ),
)
