import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.regions import Region
from accounts.tests.factories import CompanyFactory, UserFactory
from listings.models import Category, Listing, Review


def leaf(slug: str = "tractors") -> Category:
    """Return a subsection seeded by the data migration."""
    return Category.objects.get(slug=slug)


class ListingFactory(factory.django.DjangoModelFactory):
    """A published listing with a price, by a verified seller's company."""

    class Meta:
        model = Listing

    company = factory.SubFactory(CompanyFactory)
    category = factory.LazyFunction(leaf)
    title = factory.Sequence(lambda n: f"Трактор МТЗ-82.{n}")
    description = "Трактор в хорошем состоянии. Доставка по Казахстану."
    price = 12_500_000
    unit = Listing.Unit.PIECE
    min_order_quantity = 1
    condition = Listing.Condition.USED
    region = Region.AKMOLA
    status = Listing.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        on_request = factory.Trait(price=None, price_on_request=True)
        draft = factory.Trait(status=Listing.Status.DRAFT, published_at=None)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    company = factory.SubFactory(CompanyFactory)
    author = factory.SubFactory(UserFactory)
    rating = 5
    text = "Всё отгрузили вовремя."


def image_bytes(fmt: str = "PNG", size=(64, 48), color=(30, 120, 80)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def image_upload(name: str = "photo.png", fmt: str = "PNG", **kwargs) -> SimpleUploadedFile:
    content_types = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
    return SimpleUploadedFile(
        name, image_bytes(fmt, **kwargs), content_type=content_types.get(fmt, "image/gif")
    )
