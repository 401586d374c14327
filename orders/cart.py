"""The cart, kept in the session: the same for guests and signed-in buyers.

Django's login rotates the session key but keeps the session's data, so a cart collected
as a guest is still there after signing in. The session holds, per listing, the quantity
and the price and title seen when it was added; everything else is read from the listing
each time, so that a changed price or a listing taken off the portal is noticed and
flagged rather than ordered blindly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import models, transaction

from accounts.models import Company
from listings.models import MAX_ORDER_QUANTITY, Listing
from orders.models import Order

SESSION_KEY = "orders_cart"
# Far above any real order; keeps quantities inside the database's integer column. The
# listing form refuses a minimum order above it.
MAX_QUANTITY = MAX_ORDER_QUANTITY


def _column_max(name: str) -> Decimal:
    """Return the largest value the column of `Order.<name>` (a DecimalField) holds."""
    column = Order._meta.get_field(name)
    assert isinstance(column, models.DecimalField), name
    whole_digits = column.max_digits - column.decimal_places
    return Decimal(10) ** whole_digits - Decimal(1).scaleb(-column.decimal_places)


# The largest sum an order can record: a larger one would overflow its column (a 500).
MAX_TOTAL = _column_max("subtotal")


class Cart:
    """The session's cart: listing id → {"quantity", "price" (as added), "title"}."""

    def __init__(self, session):
        self.session = session
        self.lines: dict[str, dict] = session.get(SESSION_KEY, {})

    def __len__(self) -> int:
        return len(self.lines)

    def __contains__(self, listing_id) -> bool:
        return str(listing_id) in self.lines

    def quantity(self, listing_id) -> int:
        line = self.lines.get(str(listing_id))
        return line["quantity"] if line else 0

    def set(self, *, listing: Listing, quantity: int) -> None:
        """Put the listing in the cart with this quantity and its current price."""
        self.lines[str(listing.pk)] = {
            "quantity": quantity,
            "price": None if listing.price is None else str(listing.price),
            "title": listing.title,
        }
        self._save()

    def change(self, *, listing_id: int, quantity: int) -> None:
        """Change the quantity of a line, keeping the price it was added with."""
        line = self.lines.get(str(listing_id))
        if line is not None:
            line["quantity"] = quantity
            self._save()

    def remove(self, listing_ids: Iterable[int]) -> None:
        for listing_id in listing_ids:
            self.lines.pop(str(listing_id), None)
        self._save()

    def listing_ids(self) -> list[int]:
        return [int(pk) for pk in self.lines]

    def _save(self) -> None:
        self.session[SESSION_KEY] = self.lines
        self.session.modified = True


@contextmanager
def cart_for_update(session) -> Iterator[Cart]:
    """Yield the session's cart for a change, one such request of a session at a time.

    Django writes a session back whole at the end of each request, so two requests of one
    session that change the cart at once (two "add" clicks, two checkout tabs) each wrote
    back what they had read: a line was lost, or both tabs ordered the same items. Here the
    session's row stays locked until the change commits, the cart is read again from the
    row once the lock is held, and the session is saved before the lock goes, so the next
    request reads this change. A new session (no other request has it yet), or one kept
    elsewhere than in the database, is used as it is.
    """
    with transaction.atomic():
        locked = _lock_and_reload(session)
        yield Cart(session)
        if locked:
            session.save()
            # Saved under the lock: the middleware's later save would write back a cart
            # that a request waiting for the lock may have changed meanwhile.
            session.modified = False


def _lock_and_reload(session) -> bool:
    """Lock the session's row and read its cart again; return whether it was locked."""
    key = session.session_key
    if key is None or not isinstance(session, DatabaseSessionStore):
        return False
    rows = session.model.objects.select_for_update().filter(session_key=key)
    data = rows.values_list("session_data", flat=True).first()
    if data is None:  # expired and cleared meanwhile: the middleware makes a new one
        return False
    lines = session.decode(data).get(SESSION_KEY)
    if lines is None:
        session.pop(SESSION_KEY, None)
    else:
        session[SESSION_KEY] = lines
    return True


@dataclass
class CartLine:
    listing_id: int | None  # None on a line agreed outside the cart with no listing
    title: str
    quantity: int
    added_price: Decimal | None
    listing: Listing | None
    available: bool

    @property
    def price(self) -> Decimal | None:
        """The price of one unit now, for this quantity: the wholesale tier it reaches.

        None when on request; the price as added when the listing is gone.
        """
        if self.listing is None:
            return self.added_price
        return self.listing.unit_price(self.quantity)

    @property
    def unit(self) -> str:
        return self.listing.unit if self.listing is not None else ""

    @property
    def price_on_request(self) -> bool:
        return self.listing is not None and self.listing.price_on_request

    @property
    def price_changed(self) -> bool:
        """Whether the seller changed the base price since the line was added.

        The session keeps the base price seen when adding; a wholesale tier reached by
        changing the quantity is not a change of price.
        """
        return (
            self.listing is not None and self.available and self.added_price != self.listing.price
        )

    @property
    def tier_applied(self) -> bool:
        return self.listing is not None and self.price != self.listing.price

    @property
    def line_total(self) -> Decimal | None:
        return None if self.price is None else self.price * self.quantity

    @property
    def below_minimum(self) -> bool:
        return self.listing is not None and self.quantity < self.listing.min_order_quantity


@dataclass
class AgreedLine(CartLine):
    """A line agreed with the seller outside the cart (an accepted quote), at its price.

    The listing, when there is one, is only linked: the price, title and unit are the ones
    agreed, and the listing's minimum does not apply.
    """

    agreed_unit: str = ""

    @property
    def price(self) -> Decimal | None:
        return self.added_price

    @property
    def unit(self) -> str:
        return self.agreed_unit

    @property
    def below_minimum(self) -> bool:
        return False


@dataclass
class SellerGroup:
    """A seller's lines in the cart: what one order to them would contain."""

    company: Company
    lines: list[CartLine] = field(default_factory=list)

    @property
    def orderable(self) -> list[CartLine]:
        return [line for line in self.lines if line.available]

    @property
    def subtotal(self) -> Decimal:
        return sum((line.line_total or Decimal(0) for line in self.orderable), Decimal(0))

    @property
    def has_items_on_request(self) -> bool:
        return any(line.price is None for line in self.orderable)

    @property
    def has_problems(self) -> bool:
        return any(not line.available or line.price_changed for line in self.lines)


@dataclass
class CartView:
    groups: list[SellerGroup]
    gone: list[CartLine]

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.gone

    def group(self, company_id: int) -> SellerGroup | None:
        return next((g for g in self.groups if g.company.pk == company_id), None)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def cart_view(cart: Cart) -> CartView:
    """Return the cart grouped by seller, each line flagged against its listing now.

    Three queries whatever the size of the cart: the listings with their sellers, their
    wholesale prices, and which of them are still visible to the public (by
    `Listing.objects.visible()`, the one rule).
    """
    ids = cart.listing_ids()
    if not ids:
        return CartView(groups=[], gone=[])
    listings = {
        listing.pk: listing
        for listing in Listing.objects.filter(pk__in=ids)
        .select_related("company")
        .prefetch_related("price_tiers")
    }
    visible = set(Listing.objects.visible().filter(pk__in=ids).values_list("pk", flat=True))
    groups: dict[int, SellerGroup] = {}
    gone = []
    for listing_id in ids:
        stored = cart.lines[str(listing_id)]
        listing = listings.get(listing_id)
        line = CartLine(
            listing_id=listing_id,
            title=listing.title if listing else stored["title"],
            quantity=stored["quantity"],
            added_price=_decimal(stored["price"]),
            listing=listing,
            available=listing_id in visible,
        )
        if listing is None:
            gone.append(line)
            continue
        group = groups.setdefault(listing.company_id, SellerGroup(company=listing.company))
        group.lines.append(line)
    ordered = sorted(groups.values(), key=lambda g: g.company.name)
    return CartView(groups=ordered, gone=gone)
