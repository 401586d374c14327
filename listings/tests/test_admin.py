import pytest

from listings.models import Listing
from listings.tests.factories import ListingFactory

pytestmark = pytest.mark.django_db


def test_admin_searches_listings_through_the_full_text_index(admin_client):
    ListingFactory(title="Тракторы Беларус", description="-")
    ListingFactory(title="Арматура", description="-")

    response = admin_client.get("/admin/listings/listing/", {"q": "трактор"})

    assert [x.title for x in response.context["cl"].result_list] == ["Тракторы Беларус"]


def test_staff_block_a_listing_and_it_leaves_the_public_pages(admin_client, client):
    listing = ListingFactory()

    asked = admin_client.post(
        "/admin/listings/listing/", {"action": "block", "_selected_action": [listing.pk]}
    )
    assert "Which rule is broken?" in asked.content.decode()
    assert Listing.objects.get(pk=listing.pk).status == Listing.Status.PUBLISHED

    admin_client.post(
        "/admin/listings/listing/",
        {"action": "block", "_selected_action": [listing.pk], "apply": "1", "rule": "lawful"},
    )

    listing.refresh_from_db()
    assert listing.status == Listing.Status.BLOCKED
    assert listing.moderation_rule == "lawful"
    assert client.get(f"/listings/{listing.pk}/").status_code == 404


def test_the_admin_pages_of_listings_open(admin_client):
    listing = ListingFactory()

    for url in (
        "/admin/listings/category/",
        "/admin/listings/listing/?status__exact=published",
        f"/admin/listings/listing/{listing.pk}/change/",
        "/admin/listings/review/",
    ):
        assert admin_client.get(url).status_code == 200, url
