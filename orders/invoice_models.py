"""What an order keeps of its invoice: its number per seller and year, and the counter."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Company


class InvoiceDetails(models.Model):
    """The invoice fields of an order, given with its first invoice and kept."""

    invoice_number = models.PositiveIntegerField(_("invoice number"), null=True, blank=True)
    invoice_date = models.DateField(_("invoice date"), null=True, blank=True)

    class Meta:
        abstract = True


class InvoiceNumberCounter(models.Model):
    """The last invoice number a seller gave out in a year; locked while numbering."""

    company = models.ForeignKey(
        Company, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice number counter")
        verbose_name_plural = _("invoice number counters")
        constraints = [
            models.UniqueConstraint(fields=["company", "year"], name="invoice_counter_once")
        ]

    def __str__(self):
        return f"{self.company_id}/{self.year}: {self.last}"
