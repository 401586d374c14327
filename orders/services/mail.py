"""The e-mails of orders, written to the outbox in the transaction of the change they tell
about, as the person chose for their kind (`accounts.notifications.notification_send`:
what the contract requires always goes; nothing is queued for an erased address)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.notifications import Kind, notification_send
from orders.models import Order, OrderMessage
from privacy.links import absolute_url


def _site_url(path: str) -> str:
    return absolute_url(path)


def _mail(*, template: str, to: str, subject, order: Order, kind: str, user, **context) -> None:
    """Queue an e-mail about the order, as `user` (None: a guest) chose for its `kind`."""
    body = render_to_string(f"orders/email/{template}.txt", {"order": order, **context})
    notification_send(
        user=user, kind=kind, to=to, subject=subject, body=body, link=context.get("link", "")
    )


def _seller_address(order: Order) -> str:
    return order.company.owner.email


def _mail_order_placed(order: Order) -> None:
    # The seller's e-mail names no buyer: the contact data are seen on the order desk,
    # where every view is recorded in the disclosure ledger.
    desk_url = _site_url(reverse("orders:desk_detail", args=[order.pk]))
    items = list(order.items.all())
    _mail(
        template="seller_new_order",
        to=_seller_address(order),
        kind=Kind.ORDER_CONFIRMATION,
        user=order.company.owner,
        subject=_("New order %(number)s") % {"number": order.number},
        order=order,
        items=items,
        link=desk_url,
    )
    _mail(
        template="buyer_order_placed",
        to=order.email,
        kind=Kind.ORDER_CONFIRMATION,
        user=order.buyer,
        subject=_("Your order %(number)s to %(seller)s")
        % {"number": order.number, "seller": order.company.name},
        order=order,
        items=items,
        link=_site_url(order.get_absolute_url()),
    )


def _mail_status_changed(order: Order) -> None:
    # The seller's confirmation (final price and conditions) and a cancellation change the
    # contract: always sent. Shipping and completion follow the buyer's choice.
    contractual = order.status in (Order.Status.CONFIRMED, Order.Status.CANCELLED)
    _mail(
        template="buyer_status_changed",
        to=order.email,
        kind=Kind.ORDER_CONFIRMATION if contractual else Kind.ORDER_STATUS,
        user=order.buyer,
        subject=_("Order %(number)s: %(status)s")
        % {"number": order.number, "status": order.status_label},
        order=order,
        link=_site_url(order.get_absolute_url()),
    )


def _mail_new_message(message: OrderMessage) -> None:
    order = message.order
    user: User | None
    if message.side == OrderMessage.Side.BUYER:
        to, user = _seller_address(order), order.company.owner
        link = _site_url(reverse("orders:desk_detail", args=[order.pk]) + "#messages")
    else:
        to, user = order.email, order.buyer
        link = _site_url(order.get_absolute_url() + "#messages")
    _mail(
        template="new_message",
        to=to,
        kind=Kind.NEW_MESSAGE,
        user=user,
        subject=_("New message on order %(number)s") % {"number": order.number},
        order=order,
        link=link,
    )
