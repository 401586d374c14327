"""Deals: questions to sellers, requests for quotation, quotes with their revisions and
counter-offers, and the conversations that carry them.

A request (`QuoteRequest`) is sent to the sellers chosen at posting time (`Recipient`
rows, kept so that "was it sent to me?" is one indexed lookup and the closing notice
reaches exactly them). A seller answers with one `Quote` per request; the quote holds its
current figures, and each version the seller sent is kept as a `QuoteRevision`. The
buyer's name and contacts are nowhere in a request: sellers see them on the order that
accepting a quote places, through the orders app's disclosure rules.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from accounts.regions import Region
from listings.models import Category, Listing
from orders.models import MESSAGE_MAX_LENGTH, Order, PaymentMethod, ShippingMethod

DESCRIPTION_MAX_LENGTH = 2000
TERMS_MAX_LENGTH = 500
# The largest figures an order can hold (orders.OrderItem.price, Order.subtotal): a quote
# must fit them, or accepting it could not place the order.
MAX_UNIT_PRICE = Decimal("999999999999.99")
MAX_TOTAL = Decimal("99999999999999.99")


class Side(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SELLER = "seller", _("Seller")


class QuoteRequest(models.Model):
    """A buyer's request for quotation: what, how much, where to, by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Closed: a quote was accepted")
        EXPIRED = "expired", _("Closed: the needed-by date passed")
        CANCELLED = "cancelled", _("Closed by the buyer")

    class Audience(models.TextChoices):
        MATCHING = "matching", _("Every matching seller")
        CHOSEN = "chosen", _("Only the sellers I choose")

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buyer"),
        on_delete=models.CASCADE,
        related_name="quote_requests",
    )
    title = models.CharField(_("what is needed"), max_length=200)
    description = models.TextField(_("details"), max_length=DESCRIPTION_MAX_LENGTH)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=16, choices=Listing.Unit.choices)
    region = models.CharField(_("delivery region"), max_length=32, choices=Region.choices)
    needed_by = models.DateField(_("needed by"))
    budget = models.DecimalField(
        _("budget, KZT"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    buyer_organization = models.CharField(
        _("organization shown to sellers"), max_length=255, blank=True
    )
    audience = models.CharField(
        _("send to"), max_length=16, choices=Audience.choices, default=Audience.MATCHING
    )
    listing = models.ForeignKey(
        Listing,
        verbose_name=_("listing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("request for quotation")
        verbose_name_plural = _("requests for quotation")
        indexes = [
            models.Index(fields=["buyer", "-created_at"], name="rfq_buyer_list"),
            models.Index(fields=["needed_by"], name="rfq_open_due", condition=Q(status="open")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="rfq_quantity_positive")
        ]

    def __str__(self):
        return self.title or str(self.public_id)

    def get_absolute_url(self):
        return reverse("deals:rfq_detail", args=[self.public_id])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def unit_label(self) -> str:
        return dict(Listing.Unit.choices).get(self.unit, self.unit)

    @property
    def region_label(self) -> str:
        return dict(Region.choices).get(self.region, self.region)


class Recipient(models.Model):
    """A seller a request was sent to: what they may read, and whether they answered."""

    request = models.ForeignKey(
        QuoteRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="recipients"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="rfq_received"
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    seen_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    declined = models.BooleanField(_("declined to quote"), default=False)
    notified_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("recipient of a request")
        verbose_name_plural = _("recipients of requests")
        indexes = [models.Index(fields=["company", "-created_at"], name="rfq_seller_list")]
        constraints = [
            models.UniqueConstraint(fields=["request", "company"], name="rfq_recipient_once")
        ]

    def __str__(self):
        return f"{self.request_id} → {self.company_id}"


class SellerPreference(models.Model):
    """How a seller wants to hear of new requests."""

    class Mail(models.TextChoices):
        EACH = "each", _("One e-mail per request")
        DIGEST = "digest", _("One daily digest")

    company = models.OneToOneField(
        Company, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="deal_preference"
    )
    rfq_mail = models.CharField(
        _("new requests by e-mail"), max_length=8, choices=Mail.choices, default=Mail.EACH
    )

    class Meta:
        verbose_name = _("seller's deal preference")
        verbose_name_plural = _("sellers' deal preferences")

    def __str__(self):
        return f"{self.company_id}: {self.rfq_mail}"


class QuoteTerms(models.Model):
    """The figures and terms of a quote, shared by the quote and each of its revisions."""

    price = models.DecimalField(_("price per unit, KZT"), max_digits=14, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity you can supply"))
    delivery_cost = models.DecimalField(
        _("delivery, KZT"), max_digits=14, decimal_places=2, default=0
    )
    delivery_date = models.DateField(_("delivery date"))
    delivery_terms = models.CharField(_("delivery terms"), max_length=TERMS_MAX_LENGTH)
    payment_terms = models.CharField(_("payment terms"), max_length=TERMS_MAX_LENGTH)
    shipping_method = models.CharField(_("shipping"), max_length=32, choices=ShippingMethod.choices)
    payment_method = models.CharField(_("payment"), max_length=32, choices=PaymentMethod.choices)
    valid_until = models.DateField(_("valid until"))
    comment = models.TextField(_("comment"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)

    TERM_FIELDS = (
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
    )

    class Meta:
        abstract = True

    @property
    def goods_total(self) -> Decimal:
        return self.price * self.quantity

    @property
    def total(self) -> Decimal:
        """The total with delivery: what the buyer compares."""
        return self.goods_total + self.delivery_cost


class Quote(QuoteTerms):
    """A seller's answer to a request: the current figures (revisions keep the earlier ones)."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        COUNTERED = "countered", _("Counter-offer waiting for the seller")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined by the buyer")
        CLOSED = "closed", _("Request closed")

    request = models.ForeignKey(
        QuoteRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="quotes"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("seller"), on_delete=models.PROTECT, related_name="quotes"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    order = models.ForeignKey(
        Order, verbose_name=_("order"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(_("revised"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.UniqueConstraint(fields=["request", "company"], name="quote_once_per_seller"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="quote_quantity_positive"),
            models.CheckConstraint(condition=Q(price__gte=0), name="quote_price_not_negative"),
        ]

    def __str__(self):
        return f"{self.request_id}: {self.company_id} r{self.revision}"

    @property
    def is_live(self) -> bool:
        """Whether the buyer may still accept, counter or decline it."""
        return self.status in (self.Status.SENT, self.Status.COUNTERED)

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def is_countered(self) -> bool:
        return self.status == self.Status.COUNTERED

    @property
    def is_expired(self) -> bool:
        return self.valid_until < timezone.localdate()

    @property
    def status_label(self) -> str:
        return dict(self.Status.choices).get(self.status, self.status)

    @property
    def shipping_label(self) -> str:
        return dict(ShippingMethod.choices).get(self.shipping_method, self.shipping_method)

    @property
    def payment_label(self) -> str:
        return dict(PaymentMethod.choices).get(self.payment_method, self.payment_method)


class QuoteRevision(QuoteTerms):
    """A version of a quote as the seller sent it; never changed afterwards."""

    quote = models.ForeignKey(
        Quote, verbose_name=_("quote"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("revision"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["quote", "number"]
        verbose_name = _("quote revision")
        verbose_name_plural = _("quote revisions")
        constraints = [
            models.UniqueConstraint(fields=["quote", "number"], name="quote_revision_once")
        ]

    def __str__(self):
        return f"{self.quote_id} r{self.number}"


class CounterOffer(models.Model):
    """The buyer's counter-offer on a quote: a price, a quantity or other terms."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Waiting for the seller")
        ACCEPTED = "accepted", _("Accepted by the seller")
        DECLINED = "declined", _("Declined by the seller")
        REVISED = "revised", _("Answered with a revised quote")

    quote = models.ForeignKey(
        Quote, verbose_name=_("quote"), on_delete=models.CASCADE, related_name="counters"
    )
    price = models.DecimalField(
        _("price per unit, KZT"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    terms = models.TextField(_("terms"), max_length=TERMS_MAX_LENGTH, blank=True)
    answer = models.CharField(
        _("answer"), max_length=16, choices=Answer.choices, default=Answer.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("counter-offer")
        verbose_name_plural = _("counter-offers")

    def __str__(self):
        return f"{self.quote_id}: {self.answer}"

    @property
    def is_pending(self) -> bool:
        return self.answer == self.Answer.PENDING

    @property
    def answer_label(self) -> str:
        return dict(self.Answer.choices).get(self.answer, self.answer)


class Conversation(models.Model):
    """A thread between a buyer and a seller: about a listing, or about a quote."""

    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buyer"),
        on_delete=models.CASCADE,
        related_name="deal_conversations",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="conversations"
    )
    listing = models.ForeignKey(
        Listing,
        verbose_name=_("listing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quote = models.OneToOneField(
        Quote,
        verbose_name=_("quote"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversation",
    )
    subject = models.CharField(_("subject"), max_length=200)
    last_message_at = models.DateTimeField(_("last message"), default=timezone.now)
    last_side = models.CharField(_("last written by"), max_length=8, choices=Side.choices)
    first_reply_at = models.DateTimeField(_("first answer of the seller"), null=True, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        indexes = [
            models.Index(fields=["buyer", "-last_message_at"], name="conversation_buyer_inbox"),
            models.Index(fields=["company", "-last_message_at"], name="conversation_seller_inbox"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "listing"],
                condition=Q(quote__isnull=True, listing__isnull=False),
                name="conversation_once_per_listing",
            )
        ]

    def __str__(self):
        return self.subject

    @property
    def is_unanswered(self) -> bool:
        return self.last_side == Side.BUYER


class Message(models.Model):
    """A message in a conversation."""

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="messages",
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
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read by the other side"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(
                fields=["conversation", "side"],
                name="deal_message_unread",
                condition=Q(read_at=None),
            )
        ]

    def __str__(self):
        return f"{self.conversation_id}: {self.side}"
