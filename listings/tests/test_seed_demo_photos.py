"""Demo data looks like a catalogue: photos drawn per category, texts in Russian."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from listings.demo_photos import PALETTES, draw_photo
from listings.models import Listing, ListingImage, Review
from support.models import CallbackRequest, Complaint, Feedback

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүІі]")


def test_seed_demo_gives_every_listing_photos_of_its_own_and_writes_in_russian():
    call_command("seed_demo")

    counts = {listing.pk: len(listing.images.all())
              for listing in Listing.objects.prefetch_related("images")}  # fmt: skip
    assert set(counts.values()) <= {1, 2, 3}
    names = list(ListingImage.objects.values_list("image", flat=True))
    assert len(names) == len(set(names))  # deleting one listing's photos spares the others'
    sample = ListingImage.objects.order_by("pk").first()
    with default_storage.open(sample.image.name) as f, Image.open(f) as picture:
        assert picture.size == (sample.width, sample.height)
    assert default_storage.exists(sample.thumbnail.name)
    texts = [
        *Listing.objects.values_list("title", flat=True),
        *Listing.objects.values_list("description", flat=True),
        *Review.objects.values_list("text", flat=True),
        *Complaint.objects.values_list("text", flat=True),
        *CallbackRequest.objects.values_list("topic", flat=True),
        *Feedback.objects.values_list("message", flat=True),
    ]
    english = [text for text in texts if not CYRILLIC.search(text)]
    assert texts
    assert not english, english[:5]

    call_command("seed_demo")  # a second run adds no photos

    assert ListingImage.objects.count() == len(names)


def test_the_pictures_of_two_categories_differ():
    first, second = list(PALETTES)[:2]

    assert draw_photo(first, 0).tobytes() != draw_photo(second, 0).tobytes()
    assert draw_photo(first, 0).tobytes() != draw_photo(first, 1).tobytes()
