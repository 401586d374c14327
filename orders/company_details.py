"""The buyer's company on an order ("buy as a company"): what an invoice needs of it.

A value passed from the order form to `order_place`, and its fields on the order. The
company's own details (BIN, legal address, bank) are a legal entity's, not a person's;
the signatory is a person, declared as such in orders/personal_data.py.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class BuyerCompanyDetails(models.Model):
    """The buyer company's fields of an order (empty for a private buyer)."""

    buyer_bin = models.CharField(_("buyer's BIN"), max_length=12, blank=True)
    buyer_legal_address = models.CharField(_("buyer's legal address"), max_length=255, blank=True)
    buyer_bic = models.CharField(_("buyer's bank BIC"), max_length=11, blank=True)
    buyer_iban = models.CharField(_("buyer's account (IBAN)"), max_length=20, blank=True)
    buyer_signatory = models.CharField(_("buyer's signatory"), max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def is_company_purchase(self) -> bool:
        return bool(self.buyer_bin)


@dataclass(frozen=True)
class BuyerCompany:
    bin: str
    legal_address: str
    bic: str
    iban: str
    signatory: str

    def order_fields(self) -> dict[str, str]:
        """Return the values as the Order model names its fields (buyer_bin, ...)."""
        return {f"buyer_{name}": value for name, value in asdict(self).items()}

    @classmethod
    def initial_of(cls, company) -> dict[str, object]:
        """Return the order form's initial values from the buyer's own company profile."""
        return {
            "as_company": company.has_bank_details,
            "buyer_bin": company.bin,
            "buyer_legal_address": company.legal_address,
            "buyer_bic": company.bic,
            "buyer_iban": company.iban,
            "buyer_signatory": company.authorised_person,
        }
