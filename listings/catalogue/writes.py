"""Writing one chunk of an import: a few statements, one transaction, whatever its size."""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from listings.catalogue.rows import Action
from listings.models import Listing, PriceTier

ROW_SAVED_AS_DRAFT = _("saved as a draft: %(why)s")
ROW_BLOCKED = _("updated, but it stays blocked by moderation")

REPUBLISHED = (Listing.Status.DRAFT, Listing.Status.ARCHIVED)


def chunk_write(*, company, outcomes, apply: bool) -> None:
    """Mark each usable row create or update by its SKU; when `apply`, write them.

    The SKUs of the chunk are looked up in one query (locked while writing), new listings
    are inserted in one statement, existing ones updated in one, and their price tiers
    replaced in two.
    """
    usable = [o for o in outcomes if o.action != Action.REFUSE]
    if not usable:
        return
    with transaction.atomic():
        existing = Listing.objects.filter(company=company, sku__in=[o.sku for o in usable])
        if apply:
            existing = existing.select_for_update()
        by_sku = {listing.sku: listing for listing in existing}
        for outcome in usable:
            outcome.action = Action.UPDATE if outcome.sku in by_sku else Action.CREATE
        if apply:
            _save(company, usable, by_sku)


# UPDATE ... FROM (VALUES ...): one statement for the chunk. Django's bulk_update writes a
# CASE over every row for each column, which measured five times slower (bench/import.py).
COLUMN_TYPES = {
    "title": "text", "description": "text", "category_id": "bigint", "price": "numeric",
    "price_on_request": "boolean", "unit": "text", "min_order_quantity": "integer",
    "condition": "text", "region": "text", "status": "text", "published_at": "timestamptz",
    "updated_at": "timestamptz",
}  # fmt: skip


def _update(listings: list[Listing]) -> None:
    if not listings:
        return
    if connection.vendor != "postgresql":  # SQLite under `make run`: small demo catalogues
        Listing.objects.bulk_update(listings, [c.removesuffix("_id") for c in COLUMN_TYPES])
        return
    columns = list(COLUMN_TYPES)
    row = "(" + ", ".join(["%s::bigint", *(f"%s::{t}" for t in COLUMN_TYPES.values())]) + ")"
    values = [[listing.pk, *(getattr(listing, c) for c in columns)] for listing in listings]
    assignments = ", ".join(f'"{c}" = v."{c}"' for c in columns)
    sql = (
        f'UPDATE "listings_listing" AS l SET {assignments} '
        f"FROM (VALUES {', '.join([row] * len(values))}) "
        f'AS v("id", {", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)}) WHERE l."id" = v."id"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row_values in values for value in row_values])


def _publish_refusal(company) -> str | None:
    from listings.services import publish_refusal

    return publish_refusal(user=company.owner)


def _save(company, outcomes, by_sku: dict[str, Listing]) -> None:
    now = timezone.now()
    refusal = _publish_refusal(company)
    created, updated, tiers = [], [], []
    for outcome in outcomes:
        listing = by_sku.get(outcome.sku) or Listing(company=company, status=Listing.Status.DRAFT)
        for name, value in outcome.values.items():
            setattr(listing, name, value)
        listing.updated_at = now
        wants_public = outcome.publish and (listing.pk is None or listing.status in REPUBLISHED)
        if listing.status == Listing.Status.BLOCKED:
            outcome.reason = str(ROW_BLOCKED)
        elif wants_public and refusal:
            outcome.reason = str(ROW_SAVED_AS_DRAFT % {"why": refusal})
        elif wants_public:
            listing.status, listing.published_at = Listing.Status.PUBLISHED, now
        (updated if listing.pk else created).append(listing)
        tiers.append((listing, outcome.tiers))
    Listing.objects.bulk_create(created)
    _update(updated)
    PriceTier.objects.filter(listing__in=[listing.pk for listing in updated]).delete()
    PriceTier.objects.bulk_create(
        PriceTier(listing=listing, min_quantity=tier.min_quantity, price=tier.price)
        for listing, listing_tiers in tiers
        for tier in listing_tiers
    )
