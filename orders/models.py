"""Orders with their lines, history and messages (e-mails are rows of the outbox app);
sellers' shipping and payment options are in orders/option_models.py.

An order copies everything it needs at the moment it is placed (titles, prices, units,
the buyer's contact data), so it stays a faithful record when listings change or vanish
and when the buyer's data is erased (the contact fields are then anonymised, the lines
and totals stay for accounting).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from accounts.models import Company
from listings.models import Listing
from orders.addresses import address_city
from orders.company_details import BuyerCompanyDetails
from orders.invoice_models import InvoiceDetails, InvoiceNumberCounter  # noqa: F401
from orders.option_models import PaymentMethod, SellerOption, ShippingMethod  # noqa: F401

COMMENT_MAX_LENGTH = 512
MESSAGE_MAX_LENGTH = 2000
# The buyer's contact data an order copies from the checkout form: what the seller sees on
# the order (each view recorded in the disclosure ledger) and what erasure anonymises.
CONTACT_FIELDS = ("full_name", "organization", "email", "phone", "address", "comment")


class OrderNumberCounter(models.Model):
    """The last order number given out in a year; its row is locked while numbering."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("order number counter")
        verbose_name_plural = _("order number counters")

    def __str__(self):
        return f"{self.year}: {self.last}"


class Order(BuyerCompanyDetails, InvoiceDetails, models.Model):
    """One buyer's order to one seller, with the contact data the seller needs for it."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONFIRMED = "confirmed", _("Confirmed")
        SHIPPED = "shipped", _("Shipped")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    # The workflow, the one place that says which status may follow which: new →
    # confirmed → shipped → completed; cancelled from new or confirmed. The services
    # enforce it (orders.services.workflow); pages ask the booleans below.
    ALLOWED_FROM: dict[str, set[str]] = {
        Status.CONFIRMED: {Status.NEW},
        Status.SHIPPED: {Status.CONFIRMED},
        Status.COMPLETED: {Status.SHIPPED},
        Status.CANCELLED: {Status.NEW, Status.CONFIRMED},
    }
    # An order is open while the workflow can still move it (until completed or cancelled):
    # its contract runs, so the buyer's data is kept for it (orders/personal_data.py).
    OPEN: tuple[str, ...] = tuple(sorted(set().union(*ALLOWED_FROM.values())))
    # Where the seller has confirmed the order: an invoice for payment may be issued.
    INVOICED = {Status.CONFIRMED, Status.SHIPPED, Status.COMPLETED}

    # `number` and `checkout_token` are unique by constraints in Meta: `unique=True` would
    # add a second index of each for LIKE, which nothing asks, and every index is written
    # again when erasure anonymises an order.
    number = models.CharField(_("number"), max_length=16)
    # The key of a guest's order page: only the link in the e-mail knows it.
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    # Rendered once in the checkout form: a second submit of the same form finds this order.
    checkout_token = models.CharField(_("checkout token"), max_length=64)
    # Both foreign keys are served by the composite indexes below, which lead with them: a
    # second index of each would only make every write (and each erasure) slower.
    company = models.ForeignKey(
        Company,
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        related_name="orders",
        db_index=False,
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buyer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        help_text=_("Empty for a guest's order."),
        db_index=False,
    )
    full_name = models.CharField(_("full name"), max_length=255)
    organization = models.CharField(_("organization"), max_length=255)
    email = models.EmailField(_("e-mail"))  # indexed in Meta: exact matches only
    phone = PhoneNumberField(_("phone"), blank=True)
    address = models.CharField(_("delivery address"), max_length=255)
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    shipping_method = models.CharField(_("shipping"), max_length=32, choices=ShippingMethod.choices)
    payment_method = models.CharField(_("payment"), max_length=32, choices=PaymentMethod.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    subtotal = models.DecimalField(
        _("sum of priced items, KZT"),
        max_digits=16,
        decimal_places=2,
        default=0,
        help_text=_("The items with a price; items on request are not in it."),
    )
    has_items_on_request = models.BooleanField(_("has items with price on request"), default=False)
    final_total = models.DecimalField(
        _("final total, KZT"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Confirmed by the seller."),
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("placed"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [
            models.Index(fields=["company", "status", "-created_at"], name="order_seller_desk"),
            models.Index(fields=["buyer", "-created_at"], name="order_buyer_list"),
            # Guests' orders by e-mail (their data requests, erasure, the sweep). A plain
            # index: `db_index` would add a second one for LIKE, which nothing asks.
            models.Index(fields=["email"], name="order_email"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="order_number_unique"),
            models.UniqueConstraint(fields=["checkout_token"], name="order_checkout_token_unique"),
            models.CheckConstraint(
                condition=Q(final_total__isnull=True) | Q(final_total__gte=0),
                name="order_final_total_not_negative",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("orders:detail", args=[self.public_id])

    @property
    def total(self):
        """Return the total to show: the confirmed one, else the sum when nothing is on request.

        None means "to be confirmed by the seller".
        """
        if self.final_total is not None:
            return self.final_total
        if self.has_items_on_request:
            return None
        return self.subtotal

    @property
    def is_guest(self) -> bool:
        return self.buyer_id is None

    def can_become(self, status: str) -> bool:
        """Return whether the workflow lets the order move to `status` from where it is."""
        return self.status in self.ALLOWED_FROM[status]

    @property
    def can_confirm(self) -> bool:
        return self.can_become(Order.Status.CONFIRMED)

    @property
    def can_ship(self) -> bool:
        return self.can_become(Order.Status.SHIPPED)

    @property
    def can_complete(self) -> bool:
        return self.can_become(Order.Status.COMPLETED)

    @property
    def can_cancel(self) -> bool:
        return self.can_become(Order.Status.CANCELLED)

    @property
    def can_invoice(self) -> bool:
        """Whether an invoice for payment exists: the seller confirmed the final total."""
        return self.status in self.INVOICED and self.final_total is not None

    @property
    def status_label(self) -> str:
        return self.get_status_display()

    @property
    def is_new(self) -> bool:
        """Whether the order waits for its seller (nothing was done with it yet)."""
        return self.status == Order.Status.NEW

    @property
    def is_confirmed(self) -> bool:
        return self.status == Order.Status.CONFIRMED

    @property
    def is_shipped(self) -> bool:
        return self.status == Order.Status.SHIPPED

    @property
    def is_cancelled(self) -> bool:
        return self.status == Order.Status.CANCELLED

    @property
    def city(self) -> str:
        """Return the city of the delivery address, or "" (see orders.addresses)."""
        return address_city(self.address)

    @property
    def age(self) -> str:
        """Return how long ago the order was placed, in its largest unit («3 days»)."""
        return timesince(self.created_at, depth=1)

    @property
    def shipping_label(self) -> str:
        return self.get_shipping_method_display()

    @property
    def payment_label(self) -> str:
        return self.get_payment_method_display()


class OrderItem(models.Model):
    """A line of an order, copied from the listing when the order was placed."""

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="items"
    )
    listing = models.ForeignKey(
        Listing,
        verbose_name=_("listing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_items",
    )
    title = models.CharField(_("title"), max_length=200)
    unit = models.CharField(_("unit"), max_length=16, choices=Listing.Unit.choices)
    price = models.DecimalField(
        _("price, KZT"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty when the price is on request."),
    )
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("order item")
        verbose_name_plural = _("order items")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="order_item_quantity_positive"
            )
        ]

    def __str__(self):
        return f"{self.title} × {self.quantity}"

    @property
    def line_total(self):
        return None if self.price is None else self.price * self.quantity

    @property
    def unit_label(self) -> str:
        return self.get_unit_display()


class OrderEvent(models.Model):
    """A step in an order's life: placed, confirmed, shipped, completed or cancelled."""

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(_("new status"), max_length=16, choices=Order.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(
        _("by (as shown)"), max_length=255, help_text=_("A company name, or “Buyer”.")
    )
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("order event")
        verbose_name_plural = _("order history")

    def __str__(self):
        return f"{self.order_id}: {self.status}"

    @property
    def status_label(self) -> str:
        return self.get_status_display()


class OrderMessage(models.Model):
    """A message on an order, between its buyer and its seller only."""

    class Side(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        SELLER = "seller", _("Seller")

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="messages"
    )
    side = models.CharField(_("written by"), max_length=8, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A guest buyer's e-mail (normalised): the retention sweep counts their messages as
    # activity, and erasure finds them by it.
    author_email = models.EmailField(_("author's e-mail (guest)"), blank=True, db_index=True)
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read by the other side"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(
                fields=["order", "side"], name="order_message_unread", condition=Q(read_at=None)
            )
        ]

    def __str__(self):
        return f"{self.order_id}: {self.side}"

    @property
    def is_from_seller(self) -> bool:
        return self.side == self.Side.SELLER
