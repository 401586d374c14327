"""The seller's own listings, for the desk."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from accounts.models import Company
from listings.models import Listing


def listing_list_for_seller(*, company: Company, status: str = "") -> QuerySet:
    qs = Listing.objects.filter(company=company).select_related("category")
    if status:
        qs = qs.filter(status=status)
    return qs.defer("description", "search_vector").order_by("-updated_at", "-id")


def listing_get_for_seller(*, company: Company | None, pk: int) -> Listing | None:
    """Return the company's own listing, else None: to the view, another seller's listing
    is a 404, never a 403."""
    if company is None:
        return None
    return (
        Listing.objects.filter(pk=pk, company=company)
        .select_related("category", "company")
        .prefetch_related("images")
        .first()
    )


def listing_status_counts(*, company: Company) -> dict[str, int]:
    rows = Listing.objects.filter(company=company).values_list("status").annotate(n=Count("id"))
    return dict(rows.order_by())
