"""The few columns a listing card shows, for search, home and seller pages."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db.models import OuterRef, QuerySet, Subquery

from listings.models import Listing, ListingImage

CARD_FIELDS = (
    "title", "price", "price_on_request", "unit", "condition", "region", "published_at",
    "company", "category", "company__name", "company__is_verified", "category__name_en",
    "category__name_ru", "category__name_kk",
)  # fmt: skip


def with_cards(qs: QuerySet) -> QuerySet:
    """Return what a listing card shows: a few columns, company, category, cover thumbnail.

    The cover comes as a subquery rather than a prefetch (one query fewer per page), and
    the description and search vector, most of a row's bytes, are left in the database.
    """
    cover = ListingImage.objects.filter(listing=OuterRef("pk")).order_by("position", "id")
    return (
        qs.select_related("company", "category")
        .only(*CARD_FIELDS)
        .annotate(cover_name=Subquery(cover.values("thumbnail")[:1]))
    )


def with_cover_urls(listings: list[Listing]) -> list[Listing]:
    for listing in listings:
        listing.cover_url = default_storage.url(listing.cover_name) if listing.cover_name else ""
    return listings


def cards(ids: list[int]) -> list[Listing]:
    by_id = {listing.pk: listing for listing in with_cards(Listing.objects.filter(pk__in=ids))}
    return with_cover_urls([by_id[pk] for pk in ids if pk in by_id])
