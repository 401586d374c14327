"""The seller moves an order through its statuses; each step is a history event and an
e-mail to the buyer. Which step may follow which is the model's rule (`Order.ALLOWED_FROM`),
enforced here under a row lock."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from listings.money import money_format
from orders.models import Order, OrderEvent
from orders.services.caches import _forget_seller_summary
from orders.services.errors import OrderError
from orders.services.mail import _mail_status_changed
from portal.text_types import StrOrPromise

TRANSITION_REFUSED = _("An order that is “%(status)s” cannot be %(action)s.")
FINAL_TOTAL_REQUIRED = _("Enter the final total agreed with the buyer, in tenge.")
CANCEL_REASON_REQUIRED = _("Say why the order is cancelled: the buyer will see it.")

ACTIONS: dict[str, StrOrPromise] = {
    Order.Status.CONFIRMED: _("confirmed"),
    Order.Status.SHIPPED: _("marked as shipped"),
    Order.Status.COMPLETED: _("completed"),
    Order.Status.CANCELLED: _("cancelled"),
}


def _transition(*, order: Order, actor, to: str, detail: str = "", **changes) -> Order:
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",)).select_related("company").get(pk=order.pk)
        )
        if not order.can_become(to):
            raise OrderError(
                TRANSITION_REFUSED % {"status": order.status_label, "action": ACTIONS[to]}
            )
        order.status = to
        for name, value in changes.items():
            setattr(order, name, value)
        order.save(update_fields=["status", "updated_at", *changes])
        OrderEvent.objects.create(
            order=order, status=to, actor=actor, actor_label=order.company.name, detail=detail
        )
        _mail_status_changed(order)
        _forget_seller_summary(order.company)
    return order


def order_confirm(*, order: Order, actor, final_total: Decimal) -> Order:
    """Confirm the order with the final total agreed with the buyer."""
    if final_total is None or final_total < 0:
        raise OrderError(FINAL_TOTAL_REQUIRED)
    return _transition(
        order=order,
        actor=actor,
        to=Order.Status.CONFIRMED,
        detail=money_format(final_total),
        final_total=final_total,
    )


def order_ship(*, order: Order, actor) -> Order:
    return _transition(order=order, actor=actor, to=Order.Status.SHIPPED)


def order_complete(*, order: Order, actor) -> Order:
    return _transition(order=order, actor=actor, to=Order.Status.COMPLETED)


def order_cancel(*, order: Order, actor, reason: str) -> Order:
    """Cancel a new or confirmed order; the buyer is told the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise OrderError(CANCEL_REASON_REQUIRED)
    return _transition(
        order=order, actor=actor, to=Order.Status.CANCELLED, detail=reason, cancel_reason=reason
    )
