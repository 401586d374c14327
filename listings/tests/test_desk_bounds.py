"""The seller's desk refuses, at the field, what would break later: a photo that cannot be
decoded to its end, a minimum order no cart can hold."""

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from listings.forms import IMAGE_DAMAGED
from listings.models import MAX_ORDER_QUANTITY, MIN_ORDER_TOO_LARGE, Listing
from listings.tests.factories import ListingFactory, leaf
from orders.cart import MAX_QUANTITY

pytestmark = pytest.mark.django_db


def _noisy_image(fmt: str) -> bytes:
    """Return a photo-like image (noise compresses badly, so the data is most of the file)."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (200, 150), bytes(rng.randrange(256) for _ in range(90_000)))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(("fmt", "content_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png")])
@pytest.mark.parametrize("kept", [0.3, 0.6, 0.95])
def test_a_truncated_photo_is_refused_at_the_field(seller_client, company, fmt, content_type, kept):
    listing = ListingFactory(company=company)
    data = _noisy_image(fmt)
    upload = SimpleUploadedFile(f"cut.{fmt.lower()}", data[: int(len(data) * kept)], content_type)

    response = seller_client.post(f"/seller/listings/{listing.pk}/images/", {"image": upload})

    assert response.status_code == 200
    assert response.context["image_form"].errors["image"] == [str(IMAGE_DAMAGED)]
    assert str(IMAGE_DAMAGED) in response.content.decode()
    assert not listing.images.exists()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_the_same_photo_uploaded_whole_is_kept(seller_client, company, fmt):
    listing = ListingFactory(company=company)
    upload = SimpleUploadedFile(f"whole.{fmt.lower()}", _noisy_image(fmt), f"image/{fmt.lower()}")

    response = seller_client.post(f"/seller/listings/{listing.pk}/images/", {"image": upload})

    assert response.status_code == 302
    assert listing.images.count() == 1


def _listing_form(**overrides):
    return {
        "title": "Пшеница 3 класса",
        "category": leaf("seeders-planters").pk,
        "description": "Урожай этого года.",
        "price": "120000",
        "unit": "piece",
        "min_order_quantity": "1",
        "condition": "new",
        "region": "kostanay",
        **overrides,
    }


def test_the_cart_and_the_listing_share_one_largest_quantity():
    assert MAX_QUANTITY == MAX_ORDER_QUANTITY


def test_a_minimum_order_above_what_a_cart_holds_is_refused_at_the_field(seller_client):
    minimum = str(MAX_ORDER_QUANTITY + 1)

    response = seller_client.post(
        "/seller/listings/new/", _listing_form(min_order_quantity=minimum)
    )

    assert response.status_code == 200
    message = MIN_ORDER_TOO_LARGE % {"limit_value": MAX_ORDER_QUANTITY}
    assert response.context["form"].errors["min_order_quantity"] == [message]
    assert not Listing.objects.exists()
    assert 'value="Пшеница 3 класса"' in response.content.decode()


def test_an_edit_to_an_unorderable_minimum_keeps_the_saved_one(seller_client, company):
    listing = ListingFactory(company=company, min_order_quantity=5)

    response = seller_client.post(
        f"/seller/listings/{listing.pk}/edit/",
        _listing_form(min_order_quantity=str(MAX_ORDER_QUANTITY * 10)),
    )

    assert response.status_code == 200
    assert "min_order_quantity" in response.context["form"].errors
    listing.refresh_from_db()
    assert listing.min_order_quantity == 5


def test_the_largest_minimum_a_cart_holds_can_be_ordered(seller_client, client):
    seller_client.post(
        "/seller/listings/new/",
        _listing_form(min_order_quantity=str(MAX_ORDER_QUANTITY), action="publish"),
    )
    listing = Listing.objects.get()
    buyer = client.__class__()

    response = buyer.post(f"/cart/add/{listing.pk}/", {"quantity": str(MAX_ORDER_QUANTITY)})

    assert response.status_code == 302
    assert response.url == "/cart/"
