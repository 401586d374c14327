"""The buyer's company on an order ("buy as a company"): what an invoice needs of it.

A value passed from the order form to `order_place`, and its fields on the order. The
company's own details (BIN, legal address, bank) are a legal entity's, not a person's;
the signatory is a person, declared as such in orders/personal_data.py.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


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
