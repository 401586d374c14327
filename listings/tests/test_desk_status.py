"""The seller's listing desk asks the listing what it may do (can_publish, is_published)."""

import pytest

from listings.models import Listing
from listings.tests.factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "publish", "archive"),
    [
        (Listing.Status.DRAFT, True, False),
        (Listing.Status.ARCHIVED, True, False),
        (Listing.Status.PUBLISHED, False, True),
        (Listing.Status.BLOCKED, False, False),
    ],
)
def test_the_desk_row_offers_publish_or_archive_by_status(
    seller_client, company, status, publish, archive
):
    listing = ListingFactory(company=company, status=status)

    html = seller_client.get("/seller/listings/").content.decode()

    assert (f"/seller/listings/{listing.pk}/publish/" in html) is publish
    assert (f"/seller/listings/{listing.pk}/archive/" in html) is archive
    assert listing.can_publish is publish
    assert listing.is_published is archive
