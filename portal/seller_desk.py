"""The seller's desk: its sections, in one list that the header's "Seller" menu and the
tabs above every desk page both render (templates/portal/_seller_menu.html and
_seller_tabs.html), with the count of what waits in each.

A section is added here once and appears in both places. The deals app's requests for
quotation and messages belong between "Orders" and "Shipping and payment".
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from orders.selectors import SellerSummary, seller_summary_get


@dataclass(frozen=True)
class Section:
    url_name: str
    label: str
    # The SellerSummary attribute that counts what waits here, and what the number means.
    count_attribute: str = ""
    count_label: str = ""


SECTIONS = (
    Section("listings:desk", _("My listings"), "blocked_listings", _("blocked by moderation")),
    Section("orders:desk", _("Orders"), "new_orders", _("new")),
    Section("orders:seller_settings", _("Shipping and payment")),
)


@dataclass(frozen=True)
class Tab:
    url: str
    label: str
    count: int
    count_label: str
    current: bool


@dataclass(frozen=True)
class SellerDesk:
    summary: SellerSummary
    tabs: list[Tab]

    @property
    def waiting(self) -> int:
        return self.summary.waiting


def seller_desk_get(*, user, path: str) -> SellerDesk | None:
    """Return the desk's tabs for the user (the one under `path` current), or None."""
    summary = seller_summary_get(user=user)
    if summary is None:
        return None
    tabs = []
    for section in SECTIONS:
        url = reverse(section.url_name)
        count = getattr(summary, section.count_attribute) if section.count_attribute else 0
        tabs.append(Tab(url, section.label, count, section.count_label, path.startswith(url)))
    return SellerDesk(summary=summary, tabs=tabs)
