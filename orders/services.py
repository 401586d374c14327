"""Writes of orders: the cart, sellers' options, placing an order, its statuses, messages
and the e-mails that tell about them.

Every function takes keyword-only arguments, checks the rule it enforces and writes inside
one transaction, together with what the change owes to others: the consent it was given
under, its history event, the e-mails that tell about it (rows of the outbox, written by
`outbox.services.mail_queue` and sent once the transaction commits). Refusals raise
`OrderError` with a message meant for the person who asked; views show it next to the form.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.notifications import Kind, notification_send
from accounts.services import user_touch
from orders.cart import MAX_QUANTITY, MAX_TOTAL, Cart, SellerGroup, cart_view
from orders.company_details import BuyerCompany
from orders.models import (
    Order,
    OrderEvent,
    OrderItem,
    OrderMessage,
    OrderNumberCounter,
    PaymentMethod,
    SellerOption,
    ShippingMethod,
)
from orders.selectors import unread_cache_key
from privacy.models import ConsentEvent, Purpose
from privacy.registry import normalise_email
from privacy.services import consent_grant

logger = logging.getLogger(__name__)

QUANTITY_INVALID = _("Enter the quantity as a whole number, for example 10.")
QUANTITY_BELOW_MINIMUM = _("The seller's minimum order of this item is %(min)s (unit: %(unit)s).")
QUANTITY_TOO_LARGE = _("Enter at most %(max)s: for larger volumes, write to the seller.")
OWN_LISTING = _("This is your own company's listing: you cannot order from yourself.")
OWN_COMPANY = _(
    "These items are your own company's: you cannot order from yourself. Remove them from the cart."
)
LINE_TOO_LARGE = _(
    "The sum of this line would be larger than one order can record. Order a smaller "
    "quantity, or write to the seller about larger volumes."
)
ORDER_TOO_LARGE = _(
    "The sum of this order is larger than one order can record. Split it into several "
    "orders: send part of the items now and add the rest to the cart again afterwards."
)
CART_EMPTY_FOR_SELLER = _(
    "Your cart has no items from this seller, so there is nothing to order. "
    "Add items to the cart first."
)
CART_ITEMS_UNAVAILABLE = _(
    "Some items from this seller are no longer available. Remove them from the cart, "
    "then send the order."
)
CART_BELOW_MINIMUM = _(
    "The quantity of “%(title)s” is below the seller's minimum. Change it in the cart."
)
OPTION_NOT_OFFERED = _("The seller does not offer this option. Please choose another.")
TRANSITION_REFUSED = _("An order that is “%(status)s” cannot be %(action)s.")
FINAL_TOTAL_REQUIRED = _("Enter the final total agreed with the buyer, in tenge.")
CANCEL_REASON_REQUIRED = _("Say why the order is cancelled: the buyer will see it.")
MESSAGE_REQUIRED = _("Write a message before sending it.")
REVIEW_NEEDS_COMPLETED_ORDER = _(
    "Only a buyer with a completed order from this seller can review them."
)

# The statement next to the order button; the consent ledger keeps exactly this text.
CHECKOUT_CONSENT_TEXT = _(
    "By sending the order I consent to the processing of the personal data in this form "
    "for handling my order, including passing it to this seller, as described in the "
    "privacy policy."
)
CHECKOUT_PRICE_NOTE = _("Check the final cost and conditions with the seller.")


class OrderError(Exception):
    """A refused change; `message` is safe to show to the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- The cart -----------------------------------------------------------------------------


def _check_quantity(*, listing, quantity: int) -> None:
    if quantity < listing.min_order_quantity:
        raise OrderError(
            QUANTITY_BELOW_MINIMUM % {"min": listing.min_order_quantity, "unit": listing.unit_label}
        )
    if quantity > MAX_QUANTITY:
        raise OrderError(QUANTITY_TOO_LARGE % {"max": MAX_QUANTITY})
    if listing.price is not None and listing.price * quantity > MAX_TOTAL:
        raise OrderError(LINE_TOO_LARGE)


def cart_add(*, cart: Cart, listing, quantity: int, user=None) -> int:
    """Add a visible listing to the cart (on top of what is there); return the new quantity."""
    if user is not None and user.is_authenticated and listing.company.owner_id == user.pk:
        raise OrderError(OWN_LISTING)
    total = cart.quantity(listing.pk) + quantity
    _check_quantity(listing=listing, quantity=total)
    cart.set(listing=listing, quantity=total)
    return total


def cart_change(*, cart: Cart, listing, quantity: int) -> None:
    """Change the quantity of a line in the cart, keeping the price it was added with."""
    _check_quantity(listing=listing, quantity=quantity)
    cart.change(listing_id=listing.pk, quantity=quantity)


def cart_remove(*, cart: Cart, listing_id: int) -> None:
    cart.remove([listing_id])


# --- Sellers' shipping and payment options --------------------------------------------------

# A new seller starts with what most B2B sellers offer; they change it at /seller/settings/.
DEFAULT_OPTIONS = {
    SellerOption.Kind.SHIPPING: {
        ShippingMethod.PICKUP: True,
        ShippingMethod.SELLER_DELIVERY: False,
        ShippingMethod.TRANSPORT_COMPANY: True,
    },
    SellerOption.Kind.PAYMENT: {
        PaymentMethod.BANK_TRANSFER: True,
        PaymentMethod.CASH_ON_DELIVERY: False,
        PaymentMethod.CARD_ON_DELIVERY: False,
    },
}


def _option_key(option: SellerOption) -> tuple[str, str]:
    return option.kind, option.method


def seller_options_ensure(*, company) -> list[SellerOption]:
    """Return the seller's options, creating the defaults the first time they are needed.

    Lazily rather than by a signal: a company gets them when a page first needs them. One
    query when they exist; the insert ignores rows a parallel request created meanwhile.
    """
    options = list(SellerOption.objects.filter(company=company))
    present = {_option_key(o) for o in options}
    missing = [
        SellerOption(company=company, kind=kind, method=method, is_enabled=enabled)
        for kind, methods in DEFAULT_OPTIONS.items()
        for method, enabled in methods.items()
        if (kind, method) not in present
    ]
    if not missing:
        return _ordered(options)
    SellerOption.objects.bulk_create(missing, ignore_conflicts=True)
    return _ordered(list(SellerOption.objects.filter(company=company)))


def _ordered(options: list[SellerOption]) -> list[SellerOption]:
    order = {key: n for n, key in enumerate(_all_option_keys())}
    return sorted(options, key=lambda o: order.get(_option_key(o), len(order)))


def _all_option_keys() -> list[tuple[str, str]]:
    return [(kind, method) for kind, methods in DEFAULT_OPTIONS.items() for method in methods]


@transaction.atomic
def seller_options_save(*, company, choices: dict[tuple[str, str], tuple[bool, str]]) -> None:
    """Save which options the seller offers and on what conditions (validated by the form)."""
    options = {_option_key(o): o for o in seller_options_ensure(company=company)}
    changed = []
    for key, (enabled, conditions) in choices.items():
        option = options.get(key)
        if option is not None:
            option.is_enabled = enabled
            option.conditions = conditions
            changed.append(option)
    SellerOption.objects.bulk_update(changed, ["is_enabled", "conditions"])


def enabled_methods(options: list[SellerOption], kind: str) -> list[SellerOption]:
    return [o for o in options if o.kind == kind and o.is_enabled]


# --- Placing an order ---------------------------------------------------------------------


def checkout_token_new() -> str:
    """Return a one-time token for a checkout form (stored unique on the order it makes)."""
    return secrets.token_urlsafe(32)


def _next_number(year: int) -> str:
    """Return the next order number of the year, e.g. 2026-000123.

    The counter's row is locked by the UPDATE until the order's transaction ends, so two
    orders placed at once get consecutive numbers and never the same one. The insert of
    a year's row does nothing when a parallel transaction made it first.
    """
    OrderNumberCounter.objects.bulk_create(
        [OrderNumberCounter(year=year, last=0)], ignore_conflicts=True
    )
    OrderNumberCounter.objects.filter(year=year).update(last=F("last") + 1)
    last = OrderNumberCounter.objects.values_list("last", flat=True).get(year=year)
    return f"{year}-{last:06d}"


@dataclass(frozen=True)
class Placed:
    order: Order
    created: bool


def order_place(
    *,
    cart: Cart,
    company,
    user,
    full_name: str,
    organization: str,
    email: str,
    phone,
    address: str,
    comment: str,
    shipping_method: str,
    payment_method: str,
    checkout_token: str,
    buyer_company: BuyerCompany | None = None,
    ip: str = "",
    user_agent: str = "",
    agreed: SellerGroup | None = None,
) -> Placed:
    """Send the cart's items of one seller to that seller as an order.

    One transaction holds the order with copies of the lines and the contact data, its
    first history event, the buyer's consent to processing the data for it (with the
    statement shown next to the button) and the e-mails to both sides. A second submit of
    the same form (the same checkout token) creates nothing and returns the first order.
    Only this seller's items leave the cart. With `agreed` (lines agreed with the seller,
    as an accepted quote's), those lines are ordered instead and the cart is not touched.
    """
    existing = Order.objects.filter(checkout_token=checkout_token).first()
    if existing is not None:
        return Placed(existing, created=False)
    user = user if user is not None and user.is_authenticated else None
    if user is not None and company.owner_id == user.pk:
        raise OrderError(OWN_COMPANY)
    group = agreed if agreed is not None else cart_view(cart).group(company.pk)
    if group is None or not group.lines:
        raise OrderError(CART_EMPTY_FOR_SELLER)
    # Checked before the insert: PostgreSQL refuses a sum past the column with an error.
    if group.subtotal > MAX_TOTAL:
        raise OrderError(ORDER_TOO_LARGE)
    if any(not line.available for line in group.lines):
        raise OrderError(CART_ITEMS_UNAVAILABLE)
    for line in group.lines:
        if line.below_minimum:
            raise OrderError(CART_BELOW_MINIMUM % {"title": line.title})
    options = seller_options_ensure(company=company)
    offered = {_option_key(o) for o in options if o.is_enabled}
    if (SellerOption.Kind.SHIPPING, shipping_method) not in offered or (
        SellerOption.Kind.PAYMENT,
        payment_method,
    ) not in offered:
        raise OrderError(OPTION_NOT_OFFERED)
    email = normalise_email(email)
    try:
        with transaction.atomic():
            order = Order.objects.create(
                number=_next_number(timezone.localdate().year),
                checkout_token=checkout_token,
                company=company,
                buyer=user,
                full_name=full_name,
                organization=organization,
                email=email,
                phone=phone,
                address=address,
                comment=comment,
                shipping_method=shipping_method,
                payment_method=payment_method,
                subtotal=group.subtotal,
                has_items_on_request=group.has_items_on_request,
                **(buyer_company.order_fields() if buyer_company else {}),
            )
            OrderItem.objects.bulk_create(
                OrderItem(
                    order=order,
                    listing=line.listing,
                    title=line.title,
                    unit=line.unit,
                    price=line.price,  # the wholesale tier the quantity reaches
                    quantity=line.quantity,
                )
                for line in group.lines
            )
            OrderEvent.objects.create(
                order=order,
                status=Order.Status.NEW,
                actor=user,
                actor_label=str(_("Buyer")),
            )
            consent_grant(
                purpose=Purpose.ORDERS,
                channel=ConsentEvent.Channel.CHECKOUT,
                text_shown=str(CHECKOUT_CONSENT_TEXT),
                user=user,
                email="" if user is not None else email,
                ip=ip,
                user_agent=user_agent,
            )
            if user is not None:
                user_touch(user=user)
            _mail_order_placed(order)
    except IntegrityError:
        # A parallel submit of the same form won the race to the unique token.
        existing = Order.objects.filter(checkout_token=checkout_token).first()
        if existing is None:
            raise
        return Placed(existing, created=False)
    if agreed is None:
        cart.remove(line.listing_id for line in group.lines)
    return Placed(order, created=True)


# --- The order's statuses -----------------------------------------------------------------

ACTIONS = {
    Order.Status.CONFIRMED: _("confirmed"),
    Order.Status.SHIPPED: _("marked as shipped"),
    Order.Status.COMPLETED: _("completed"),
    Order.Status.CANCELLED: _("cancelled"),
}
# The workflow: new → confirmed → shipped → completed; cancelled from new or confirmed.
ALLOWED_FROM = {
    Order.Status.CONFIRMED: {Order.Status.NEW},
    Order.Status.SHIPPED: {Order.Status.CONFIRMED},
    Order.Status.COMPLETED: {Order.Status.SHIPPED},
    Order.Status.CANCELLED: {Order.Status.NEW, Order.Status.CONFIRMED},
}


def _transition(*, order: Order, actor, to: str, detail: str = "", **changes) -> Order:
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",)).select_related("company").get(pk=order.pk)
        )
        if order.status not in ALLOWED_FROM[to]:
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
    return order


def order_confirm(*, order: Order, actor, final_total: Decimal) -> Order:
    """Confirm the order with the final total agreed with the buyer."""
    if final_total is None or final_total < 0:
        raise OrderError(FINAL_TOTAL_REQUIRED)
    return _transition(
        order=order,
        actor=actor,
        to=Order.Status.CONFIRMED,
        detail=f"{final_total:,.2f} ₸".replace(",", "\u00a0"),
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


# --- Messages -----------------------------------------------------------------------------


def _forget_unread(*user_ids) -> None:
    keys = [unread_cache_key(pk) for pk in user_ids if pk]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))


def message_send(*, order: Order, side: str, body: str, author=None) -> OrderMessage:
    """Post a message on the order from its buyer or its seller, and tell the other side.

    The views decide who may write as which side; a guest buyer writes through the order's
    secret link, and their e-mail is kept on the message for retention and erasure.
    """
    body = (body or "").strip()
    if not body:
        raise OrderError(MESSAGE_REQUIRED)
    author = author if author is not None and author.is_authenticated else None
    with transaction.atomic():
        message = OrderMessage.objects.create(
            order=order,
            side=side,
            author=author,
            author_email=order.email if side == OrderMessage.Side.BUYER and order.is_guest else "",
            body=body,
        )
        if author is not None:
            user_touch(user=author)
        _mail_new_message(message)
        reader = order.company.owner_id if side == OrderMessage.Side.BUYER else order.buyer_id
        _forget_unread(reader)
    return message


def messages_mark_read(*, order: Order, reader_side: str, reader=None) -> int:
    """Mark the other side's messages on the order as read; return how many."""
    buyer, seller = OrderMessage.Side.BUYER, OrderMessage.Side.SELLER
    other = seller if reader_side == buyer else buyer
    with transaction.atomic():
        count = order.messages.filter(side=other, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count and reader is not None and reader.is_authenticated:
            _forget_unread(reader.pk)
    return count


# --- Reviews (a rule appended to listings.services.REVIEW_RULES by OrdersConfig.ready) -----


def review_needs_completed_order(*, user, company) -> str | None:
    """Refuse a review unless the user has a completed order from the seller."""
    if not user.is_authenticated:
        return REVIEW_NEEDS_COMPLETED_ORDER
    completed = Order.objects.filter(buyer=user, company=company, status=Order.Status.COMPLETED)
    return None if completed.exists() else REVIEW_NEEDS_COMPLETED_ORDER


# --- The e-mails of orders ------------------------------------------------------------------


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _mail(*, template: str, to: str, subject, order: Order, kind: str, user, **context) -> None:
    """Queue an e-mail about the order, as `user` (None: a guest) chose for its `kind`."""
    body = render_to_string(
        f"orders/email/{template}.txt",
        {"order": order, "site_url": settings.SITE_URL.rstrip("/"), **context},
    )
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
