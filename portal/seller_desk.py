"""The seller's desk: its sections, in one list that the header's "Seller" menu and the
tabs above every desk page both render (templates/portal/_seller_menu.html and
_seller_tabs.html), with the count of what waits in each.

A section is added here once and appears in both places. The counts of orders come from
orders (cached per seller, cleared when an order changes); those of requests for quotation
and questions from deals, cached for a minute: they only tell the seller where to look.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from deals.selectors import DeskCounts, desk_counts
from orders.selectors import SellerSummary, seller_summary_get

DEALS_COUNTS_SECONDS = 60


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
    Section("deals:seller_rfq", _("Requests for quotation"), "new_requests", _("new")),
    Section("deals:seller_inbox", _("Messages"), "unanswered_questions", _("unanswered")),
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
    deals: DeskCounts
    tabs: list[Tab]

    @property
    def waiting(self) -> int:
        return self.summary.waiting + self.deals.new_requests + self.deals.unanswered_questions


def _deals_counts(company_id: int) -> DeskCounts:
    return cache.get_or_set(
        f"seller-desk:deals:{company_id}",
        lambda: desk_counts(company=Company(pk=company_id)),
        DEALS_COUNTS_SECONDS,
    )


def seller_desk_get(*, user, path: str) -> SellerDesk | None:
    """Return the desk's tabs for the user (the one under `path` current), or None."""
    summary = seller_summary_get(user=user)
    if summary is None:
        return None
    deals = _deals_counts(summary.company_id)
    tabs = []
    for section in SECTIONS:
        url = reverse(section.url_name)
        counted = deals if hasattr(deals, section.count_attribute) else summary
        count = getattr(counted, section.count_attribute) if section.count_attribute else 0
        tabs.append(Tab(url, section.label, count, section.count_label, path.startswith(url)))
    return SellerDesk(summary=summary, deals=deals, tabs=tabs)
