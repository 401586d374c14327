"""schema.org data of listing and seller pages: parsed from the page and checked against
schema.org's vocabulary (portal/tests/schema_org.py) and the properties search engines need."""

import json
import re

import pytest

from accounts.tests.factories import UserFactory, accept_policy
from listings.models import ListingImage
from listings.tests.factories import ListingFactory, ReviewFactory, image_upload
from portal.tests.schema_org import violations

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _json_ld(client, url) -> list[dict]:
    html = client.get(url).content.decode()
    return [json.loads(block) for block in JSON_LD.findall(html)]


def _only(client, url) -> dict:
    blocks = _json_ld(client, url)
    assert len(blocks) == 1, blocks
    data = blocks[0]
    assert data["@context"] == "https://schema.org"
    assert violations(data) == []
    return data


def test_the_checker_finds_what_schema_org_does_not_allow():
    wrong = {
        "@type": "Product",
        "name": "Tractor",
        "colour": "red",
        "offers": {"@type": "Organization", "name": "Not an offer"},
        "url": "not a url",
        "sku": 12,
    }
    offer = {"@type": "Offer", "availability": "https://schema.org/NewCondition"}

    found = violations(wrong) + violations(offer) + violations({"@type": "Tractor"})

    assert len(found) == 5, found
    assert any("no property 'colour'" in problem for problem in found)
    assert any("$.offers" in problem for problem in found)
    assert any("$.url" in problem for problem in found)
    assert any("$.availability" in problem for problem in found)
    assert any("unknown type" in problem for problem in found)


def test_a_listing_is_a_product_with_an_offer_in_tenge(client):
    listing = ListingFactory(price=12_500_000, min_order_quantity=2)
    ListingImage.objects.create(listing=listing, image=image_upload(), width=64, height=48)

    data = _only(client, f"/listings/{listing.pk}/")

    assert data["@type"] == "Product"
    assert data["name"] == listing.title
    assert data["url"] == f"http://testserver/listings/{listing.pk}/"
    assert data["image"][0].startswith("http://testserver/media/")
    offer = data["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == "12500000.00"
    assert offer["priceCurrency"] == "KZT"
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["itemCondition"] == "https://schema.org/UsedCondition"
    assert offer["eligibleQuantity"]["minValue"] == 2
    seller = offer["seller"]
    assert seller["@type"] == "Organization"
    assert seller["name"] == listing.company.name
    assert seller["url"] == f"http://testserver/sellers/{listing.company.pk}/"
    assert "aggregateRating" not in seller


def test_a_listing_with_the_price_on_request_says_so_and_names_no_price(client):
    listing = ListingFactory(on_request=True)

    offer = _only(client, f"/listings/{listing.pk}/")["offers"]

    assert "price" not in offer
    assert offer["priceCurrency"] == "KZT"
    assert offer["description"] == "Price on request"


def test_a_listing_carries_its_sellers_rating_where_the_seller_has_reviews(client):
    listing = ListingFactory()
    ReviewFactory(company=listing.company, rating=5)
    ReviewFactory(company=listing.company, rating=4)
    ReviewFactory(company=listing.company, rating=1, is_hidden=True)

    data = _only(client, f"/listings/{listing.pk}/")

    # Reviews rate the seller, so the rating is the seller's, not the product's.
    assert "aggregateRating" not in data
    rating = data["offers"]["seller"]["aggregateRating"]
    assert rating == {
        "@type": "AggregateRating",
        "ratingValue": 4.5,
        "reviewCount": 2,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_a_seller_page_is_an_organization_with_its_rating(client):
    listing = ListingFactory(company__description="Запчасти и сервис.")
    ReviewFactory(company=listing.company, rating=4)

    data = _only(client, f"/sellers/{listing.company.pk}/")

    assert data["@type"] == "Organization"
    assert data["name"] == listing.company.name
    assert data["description"] == "Запчасти и сервис."
    assert data["address"]["addressCountry"] == "KZ"
    assert data["aggregateRating"]["ratingValue"] == 4.0
    assert data["aggregateRating"]["reviewCount"] == 1


def test_a_seller_without_reviews_claims_no_rating(client):
    listing = ListingFactory()

    assert "aggregateRating" not in _only(client, f"/sellers/{listing.company.pk}/")


def test_text_a_seller_wrote_cannot_leave_the_data_block(client):
    title = "</script><script>alert(1)</script> & <b>"
    listing = ListingFactory(title=title)

    html = client.get(f"/listings/{listing.pk}/").content.decode()

    assert "<script>alert(1)" not in html
    block = JSON_LD.search(html).group(1)
    assert "\\u003C/script\\u003E" in block
    assert json.loads(block)["name"] == title


def test_the_owners_preview_of_a_draft_carries_no_data_and_is_not_indexed(client):
    owner = accept_policy(UserFactory())
    listing = ListingFactory(draft=True, company__owner=owner)
    client.force_login(owner)

    html = client.get(f"/listings/{listing.pk}/").content.decode()

    assert JSON_LD.search(html) is None
    assert '<meta name="robots" content="noindex">' in html
