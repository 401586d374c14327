"""Placing an order: the cart's items of one seller (or lines agreed with them) become an
order, numbered, with the buyer's consent and the e-mails to both sides."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.services import user_touch
from orders.cart import MAX_TOTAL, Cart, SellerGroup, cart_view
from orders.company_details import BuyerCompany
from orders.models import Order, OrderEvent, OrderItem, OrderNumberCounter, SellerOption
from orders.services.caches import _forget_seller_summary
from orders.services.errors import OrderError
from orders.services.mail import _mail_order_placed
from orders.services.options import option_key, seller_options_ensure
from privacy.models import ConsentEvent, Purpose
from privacy.registry import normalise_email
from privacy.services import consent_grant

OWN_COMPANY = _(
    "These items are your own company's: you cannot order from yourself. Remove them from the cart."
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

# The statement next to the order button; the consent ledger keeps exactly this text.
CHECKOUT_CONSENT_TEXT = _(
    "By sending the order I consent to the processing of the personal data in this form "
    "for handling my order, including passing it to this seller, as described in the "
    "privacy policy."
)
CHECKOUT_PRICE_NOTE = _("Check the final cost and conditions with the seller.")


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


def _placed_before(checkout_token: str) -> Placed | None:
    existing = Order.objects.filter(checkout_token=checkout_token).first()
    return None if existing is None else Placed(existing, created=False)


def _orderable_group(
    *, cart: Cart | None, company, user, agreed: SellerGroup | None
) -> SellerGroup:
    """Return the lines to order from the seller, or refuse what cannot be ordered."""
    if user is not None and company.owner_id == user.pk:
        raise OrderError(OWN_COMPANY)
    group = agreed
    if group is None and cart is not None:
        group = cart_view(cart).group(company.pk)
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
    return group


def _check_offered(*, company, shipping_method: str, payment_method: str) -> None:
    """Refuse a way of shipping or paying that the seller does not offer."""
    offered = {option_key(o) for o in seller_options_ensure(company=company) if o.is_enabled}
    if (SellerOption.Kind.SHIPPING, shipping_method) not in offered or (
        SellerOption.Kind.PAYMENT,
        payment_method,
    ) not in offered:
        raise OrderError(OPTION_NOT_OFFERED)


def _order_create(
    *, group: SellerGroup, company, user, buyer_company: BuyerCompany | None, **fields
) -> Order:
    """Write the order with copies of its lines and its first history event."""
    order = Order.objects.create(
        number=_next_number(timezone.localdate().year),
        company=company,
        buyer=user,
        subtotal=group.subtotal,
        has_items_on_request=group.has_items_on_request,
        **fields,
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
        order=order, status=Order.Status.NEW, actor=user, actor_label=str(_("Buyer"))
    )
    return order


def order_place(
    *,
    cart: Cart | None,
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
    as an accepted quote's), those lines are ordered instead and the cart, if any, is not
    touched.
    """
    if (placed := _placed_before(checkout_token)) is not None:
        return placed
    user = user if user is not None and user.is_authenticated else None
    group = _orderable_group(cart=cart, company=company, user=user, agreed=agreed)
    _check_offered(company=company, shipping_method=shipping_method, payment_method=payment_method)
    placed = _order_commit(
        group=group,
        company=company,
        user=user,
        buyer_company=buyer_company,
        ip=ip,
        user_agent=user_agent,
        checkout_token=checkout_token,
        full_name=full_name,
        organization=organization,
        email=normalise_email(email),
        phone=phone,
        address=address,
        comment=comment,
        shipping_method=shipping_method,
        payment_method=payment_method,
    )
    if placed.created and cart is not None and agreed is None:
        cart.remove(line.listing_id for line in group.lines if line.listing_id is not None)
    return placed


def _order_commit(
    *,
    group: SellerGroup,
    company,
    user,
    buyer_company: BuyerCompany | None,
    ip: str,
    user_agent: str,
    **fields,
) -> Placed:
    """Write the order, the buyer's consent and both e-mails in one transaction.

    A parallel submit of the same form that wins the race to the unique checkout token
    makes this one fail: its order is returned instead.
    """
    try:
        with transaction.atomic():
            order = _order_create(
                group=group, company=company, user=user, buyer_company=buyer_company, **fields
            )
            _consent_record(order=order, ip=ip, user_agent=user_agent)
            _mail_order_placed(order)
            _forget_seller_summary(company)
    except IntegrityError:
        if (placed := _placed_before(fields["checkout_token"])) is None:
            raise
        return placed
    return Placed(order, created=True)


def _consent_record(*, order: Order, ip: str, user_agent: str) -> None:
    """Record the buyer's consent to processing the order's data, with the words shown."""
    user = order.buyer
    consent_grant(
        purpose=Purpose.ORDERS,
        channel=ConsentEvent.Channel.CHECKOUT,
        text_shown=str(CHECKOUT_CONSENT_TEXT),
        user=user,
        email="" if user is not None else order.email,
        ip=ip,
        user_agent=user_agent,
    )
    if user is not None:
        user_touch(user=user)
