"""The public pages of one listing and one seller, and the latest listings of the home page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, QuerySet

from accounts.models import Company
from listings.models import Listing, ListingQuerySet, Review
from listings.selectors.cards import with_cards, with_cover_urls
from listings.selectors.search_queries import capped_count
from listings.selectors.search_types import COUNT_CAP, Tally

SELLER_PAGE_LISTINGS = 24
SELLER_PAGE_REVIEWS = 20


def listing_latest(*, limit: int = 8) -> list[Listing]:
    latest = with_cards(Listing.objects.visible().order_by("-published_at", "-id"))[:limit]
    return with_cover_urls(list(latest))


def _listing_detail_qs() -> ListingQuerySet:
    return Listing.objects.select_related(
        "company", "company__owner", "category", "category__parent"
    ).prefetch_related("images", "price_tiers")


def listing_get(*, pk: int, viewer=None) -> tuple[Listing, bool] | None:
    """Return a visible listing, or the viewer's own listing as a preview; else None.

    The second value says whether this is the owner's preview of a listing the public
    cannot see.
    """
    listing = _listing_detail_qs().visible().filter(pk=pk).first()
    if listing is not None:
        return listing, False
    if viewer is not None and viewer.is_authenticated:
        own = _listing_detail_qs().filter(pk=pk, company__owner=viewer).first()
        if own is not None:
            return own, True
    return None


@dataclass
class Rating:
    average: float | None
    count: int


def seller_rating(*, company: Company) -> Rating:
    stats = (
        Review.objects.shown().filter(company=company).aggregate(avg=Avg("rating"), n=Count("id"))
    )
    average = round(float(stats["avg"]), 1) if stats["avg"] is not None else None
    return Rating(average=average, count=stats["n"])


def seller_list() -> QuerySet:
    """Return the sellers the public may see: those whose owner's account is active."""
    return Company.objects.filter(owner__is_active=True)


def seller_get(*, pk: int) -> Company | None:
    """Return a seller the public may see (see `seller_list`), else None."""
    return seller_list().filter(pk=pk).first()


def seller_reviews(*, company: Company, limit: int = SELLER_PAGE_REVIEWS) -> list[Review]:
    qs = Review.objects.shown().filter(company=company).select_related("author")
    return list(qs.order_by("-created_at", "-id")[:limit])


def seller_listings(*, company: Company, limit: int = SELLER_PAGE_LISTINGS):
    """Return the seller's latest visible listings and how many there are (capped)."""
    qs = Listing.objects.visible().filter(company=company)
    total, exact = capped_count(qs.order_by(), cap=COUNT_CAP)
    listings = with_cover_urls(list(with_cards(qs.order_by("-published_at", "-id"))[:limit]))
    return listings, Tally(total, exact=exact)
