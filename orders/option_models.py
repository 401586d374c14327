"""What a seller offers for its orders: ways of shipping and of paying, each with terms."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Company


class ShippingMethod(models.TextChoices):
    PICKUP = "pickup", _("Pickup from the seller's warehouse")
    SELLER_DELIVERY = "seller_delivery", _("Delivery by the seller")
    TRANSPORT_COMPANY = "transport_company", _("Transport company")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer by invoice")
    CASH_ON_DELIVERY = "cash_on_delivery", _("Cash on delivery")
    CARD_ON_DELIVERY = "card_on_delivery", _("Card on delivery")


class SellerOption(models.Model):
    """One way of shipping or paying that a seller offers (or switched off), with terms."""

    class Kind(models.TextChoices):
        SHIPPING = "shipping", _("Shipping")
        PAYMENT = "payment", _("Payment")

    company = models.ForeignKey(
        Company, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="order_options"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    method = models.CharField(_("method"), max_length=32)
    is_enabled = models.BooleanField(_("offered"), default=True)
    conditions = models.CharField(
        _("conditions"),
        max_length=255,
        blank=True,
        help_text=_("Shown to buyers next to the option, e.g. “free from 1,000,000 ₸”."),
    )

    class Meta:
        ordering = ["company", "kind", "pk"]
        verbose_name = _("shipping or payment option")
        verbose_name_plural = _("shipping and payment options")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "kind", "method"], name="order_option_once_per_seller"
            )
        ]

    def __str__(self):
        return f"{self.company_id}: {self.method_label}"

    @property
    def method_label(self) -> str:
        # One column holds a shipping or a payment method, so the field has no choices.
        choices = ShippingMethod if self.kind == self.Kind.SHIPPING else PaymentMethod
        return str(dict(choices.choices).get(self.method, self.method))
