"""Downloads of an invoice for payment: by the order's buyer and by its seller.

Each fetches the order through the selector of its side (another buyer's or seller's
order is a 404), answers 404 until the seller has confirmed the final total, and records
the download in the disclosure ledger: the invoice carries the buyer's data.
"""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.decorators import seller_required
from orders import selectors
from orders.invoice import invoice_number_assign, invoice_pdf
from portal.lookups import found_or_404
from privacy.services import disclosure_record

SELLER_REASON = _("The seller downloaded the invoice for payment of the order")
BUYER_REASON = _("The buyer downloaded the invoice for payment of the order")
BUYER_LABEL = _("Buyer")


def invoice_fields(order) -> tuple[str, ...]:
    """Return the buyer's personal data printed on the invoice."""
    if order.is_company_purchase:
        return ("organization",)
    return ("full_name", "organization", "address")


def _pdf_response(order) -> HttpResponse:
    response = HttpResponse(invoice_pdf(order), content_type="application/pdf")
    filename = f"invoice-{order.invoice_date:%Y}-{order.invoice_number}-{order.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _record(order, *, actor, actor_label, reason) -> None:
    disclosure_record(
        actor=actor,
        actor_label=str(actor_label),
        subject=order.buyer,
        email="" if order.buyer_id else order.email,
        fields=invoice_fields(order),
        purpose="orders",
        reason=str(reason),
        object_label=f"Invoice {order.invoice_number} of order {order.number}",
    )


@require_GET
def buyer_invoice(request, public_id):
    order = found_or_404(selectors.order_get_for_buyer(public_id=public_id, user=request.user))
    if not order.can_invoice:
        raise Http404
    order = invoice_number_assign(order=order)
    actor = request.user if request.user.is_authenticated else None
    _record(order, actor=actor, actor_label=BUYER_LABEL, reason=BUYER_REASON)
    return _pdf_response(order)


@seller_required
@require_GET
def seller_invoice(request, company, pk):
    order = found_or_404(selectors.order_get_for_seller(company=company, pk=pk))
    if not order.can_invoice:
        raise Http404
    order = invoice_number_assign(order=order)
    _record(order, actor=request.user, actor_label=company.name, reason=SELLER_REASON)
    return _pdf_response(order)
