"""Requests for quotation, the sellers each was sent to, and sellers' e-mail choice."""

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

DESCRIPTION_MAX_LENGTH = 2000
TERMS_MAX_LENGTH = 500
# The largest figures an order can hold (orders.OrderItem.price, Order.subtotal): a quote
# must fit them, or accepting it could not place the order.
MAX_UNIT_PRICE = Decimal("999999999999.99")
MAX_TOTAL = Decimal("99999999999999.99")


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
        return self.get_unit_display()

    @property
    def region_label(self) -> str:
        return self.get_region_display()


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
