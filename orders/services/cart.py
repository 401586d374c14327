"""Changes to the session's cart: add, change a quantity, remove.

The cart itself (what the session holds, how it is locked) is `orders.cart`; here are the
rules a line must meet: the seller's minimum, the largest quantity and sum one order can
record, and no ordering from one's own company.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from orders.cart import MAX_QUANTITY, MAX_TOTAL, Cart
from orders.services.errors import OrderError

# Given by the quantity forms (orders, deals): a quantity that is not a whole number.
QUANTITY_INVALID = _("Enter the quantity as a whole number, for example 10.")
QUANTITY_BELOW_MINIMUM = _("The seller's minimum order of this item is %(min)s (unit: %(unit)s).")
QUANTITY_TOO_LARGE = _("Enter at most %(max)s: for larger volumes, write to the seller.")
OWN_LISTING = _("This is your own company's listing: you cannot order from yourself.")
LINE_TOO_LARGE = _(
    "The sum of this line would be larger than one order can record. Order a smaller "
    "quantity, or write to the seller about larger volumes."
)


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
