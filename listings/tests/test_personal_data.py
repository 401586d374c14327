import pytest
from django.apps import apps

from accounts.tests.factories import CompanyFactory, UserFactory
from listings.models import Listing, Review
from listings.services import listing_image_add
from listings.tests.factories import ListingFactory, ReviewFactory, image_upload
from privacy.registry import Subjects, registry

pytestmark = pytest.mark.django_db


def test_every_personal_looking_field_of_listings_is_declared():
    models = apps.get_app_config("listings").get_models()

    assert registry.undeclared_personal_fields(models) == []


def test_erasing_a_seller_deletes_their_listings_and_photo_files(
    settings, django_capture_on_commit_callbacks
):
    listing = ListingFactory()
    other = ListingFactory()
    image = listing_image_add(listing=listing, upload=image_upload())
    path = settings.MEDIA_ROOT / image.image.name
    subjects = Subjects.of(user_ids=[listing.company.owner_id])
    source = registry.get("listings.listing")

    assert source.export(subjects)[0]["title"] == listing.title
    with django_capture_on_commit_callbacks(execute=True):
        source.erase(subjects)

    assert source.remaining(subjects) == 0
    assert not path.exists()
    assert list(Listing.objects.all()) == [other]


def test_erasing_a_buyer_deletes_their_reviews_only():
    mine = ReviewFactory()
    theirs = ReviewFactory(company=mine.company)
    subjects = Subjects.of(user_ids=[mine.author_id])
    source = registry.get("listings.review")

    exported = source.export(subjects)
    source.erase(subjects)

    assert exported[0]["text"] == mine.text
    assert list(Review.objects.all()) == [theirs]


def test_erasure_runs_a_fixed_number_of_statements(django_assert_max_num_queries):
    sellers = CompanyFactory.create_batch(5)
    for company in sellers:
        ListingFactory.create_batch(3, company=company)
    buyers = UserFactory.create_batch(5)
    for buyer in buyers:
        ReviewFactory(author=buyer, company=sellers[0])
    subjects = Subjects.of(user_ids=[c.owner_id for c in sellers] + [b.pk for b in buyers])

    # One statement per table that holds or points at these rows (images, price tiers; order
    # lines, complaints and questions to the seller are set to NULL), whatever the number of
    # rows: 15 today.
    with django_assert_max_num_queries(16):
        for key in ("listings.listing", "listings.review"):
            registry.get(key).erase(subjects)

    assert not Listing.objects.exists()
    assert not Review.objects.exists()
