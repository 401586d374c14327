"""The listings app's declaration to the privacy engine (see privacy.registry).

A listing is written by a person acting for a seller, and its free text may name them or
give their phone number, so it is that person's data and goes with their account. A review
carries its author's words and a link to their account.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from listings.models import Category, Listing, Review
from listings.services import catalogue_changed, delete_files_on_commit, listing_image_files
from privacy.registry import Erasure, LegalBasis, Source, Subjects, by_user, registry

_listings_of = by_user("company__owner")
_reviews_of = by_user("author")


def _erase_listings(subjects: Subjects) -> int:
    """Delete the subjects' listings, and their photos' files once that is committed."""
    rows = Listing.objects.filter(_listings_of(subjects))
    with transaction.atomic():
        delete_files_on_commit(listing_image_files(rows.values("pk")))
        deleted, _per_model = rows.delete()
        if deleted:
            catalogue_changed()
    return deleted


def _erase_reviews(subjects: Subjects) -> int:
    """Delete the subjects' reviews; their sellers' ratings on public pages change."""
    deleted, _per_model = Review.objects.filter(_reviews_of(subjects)).delete()
    if deleted:
        catalogue_changed()
    return deleted


registry.register(
    Source(
        model=Listing,
        fields=("title", "description"),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("Everyone who visits the portal, while the listing is published"),
        description=_("Listings a seller writes, with their photos"),
        subject_filter=_listings_of,
        erasure=Erasure.DELETE,
        export_fields=("pk", "title", "description", "status", "created_at", "published_at"),
        custom_erase=_erase_listings,
    )
)

registry.register(
    Source(
        model=Review,
        fields=("text", "author"),
        purpose="reviews",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        recipients=_("Everyone who visits the seller's page (first name and initial only)"),
        description=_("Reviews of sellers: rating and text"),
        subject_filter=_reviews_of,
        erasure=Erasure.DELETE,
        export_fields=("pk", "company__name", "rating", "text", "created_at"),
        custom_erase=_erase_reviews,
    )
)

registry.exempt(
    Category,
    ("name_en", "name_ru", "name_kk", "description"),
    reason="Catalogue section names and descriptions written by staff; about goods, not people.",
)
