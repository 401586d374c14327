"""The processors of personal data and where they work, as the policy names them.

They come from settings (`DATA_PROCESSORS`), read when a page is shown; roles and countries
are named in the reader's language here, so that settings hold only codes and names.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

HOME_COUNTRY = "KZ"

ROLES = {
    "hosting": _("Hosting of the portal and its databases"),
    "mail": _("Delivery of e-mails"),
    "payments": _("Processing of payments"),
    "analytics": _("Visit statistics"),
    "advertising": _("Advertising"),
    "support": _("Customer support tools"),
}
COUNTRIES = {
    "KZ": _("Kazakhstan"),
    "RU": _("Russia"),
    "KG": _("Kyrgyzstan"),
    "UZ": _("Uzbekistan"),
    "DE": _("Germany"),
    "NL": _("the Netherlands"),
    "IE": _("Ireland"),
    "FI": _("Finland"),
    "US": _("the United States"),
}


@dataclass(frozen=True)
class Processor:
    name: str
    role: str
    country: str

    @property
    def role_label(self) -> str:
        return str(ROLES.get(self.role, self.role))

    @property
    def country_label(self) -> str:
        return country_label(self.country)

    @property
    def is_abroad(self) -> bool:
        return self.country != HOME_COUNTRY


def country_label(code: str) -> str:
    code = (code or HOME_COUNTRY).upper()
    return str(COUNTRIES.get(code, code))


def processor_list() -> list[Processor]:
    """Return the processors named in settings, in their order."""
    return [
        Processor(
            name=entry.get("name", ""),
            role=entry.get("role", ""),
            country=(entry.get("country") or HOME_COUNTRY).upper(),
        )
        for entry in settings.DATA_PROCESSORS
    ]
