"""Quotes: the current figures, each revision the seller sent, the buyer's counter-offers."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from deals.models.requests import DESCRIPTION_MAX_LENGTH, TERMS_MAX_LENGTH, QuoteRequest
from orders.models import Order, PaymentMethod, ShippingMethod


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
        return self.get_status_display()

    @property
    def shipping_label(self) -> str:
        return self.get_shipping_method_display()

    @property
    def payment_label(self) -> str:
        return self.get_payment_method_display()


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
        return self.get_answer_display()
