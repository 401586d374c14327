"""The seller's desk: creating, editing, publishing, archiving, deleting, photos."""

from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings import services
from listings.forms import (
    IMAGE_NOT_AN_IMAGE,
    IMAGE_TOO_LARGE,
    IMAGE_WRONG_FORMAT,
    PRICE_AND_ON_REQUEST,
    PRICE_REQUIRED,
)
from listings.models import Listing, ListingImage
from listings.tests.factories import ListingFactory, image_bytes, image_upload, leaf

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    if overrides.get("category") == "section":
        overrides["category"] = leaf("agricultural-machinery").pk
    data = {
        "title": "Сеялка СЗП-3,6",
        "category": leaf("seeders-planters").pk,
        "description": "Новая сеялка, гарантия 12 месяцев.",
        "price": "2500000",
        "unit": "piece",
        "min_order_quantity": "1",
        "condition": "new",
        "region": "kostanay",
    }
    data.update(overrides)
    return data


def test_a_seller_creates_a_draft(seller_client, company):
    response = seller_client.post("/seller/listings/new/", form_data(action="draft"))

    listing = Listing.objects.get()
    assert response.status_code == 302
    assert response.url == f"/seller/listings/{listing.pk}/edit/"
    assert listing.company == company
    assert listing.status == Listing.Status.DRAFT
    assert listing.price == Decimal("2500000")
    assert listing.published_at is None


def test_a_seller_creates_and_publishes_in_one_step(seller_client):
    seller_client.post("/seller/listings/new/", form_data(action="publish"))

    listing = Listing.objects.get()
    assert listing.status == Listing.Status.PUBLISHED
    assert listing.published_at is not None


def test_price_on_request_needs_no_price(seller_client):
    seller_client.post("/seller/listings/new/", form_data(price="", price_on_request="on"))

    listing = Listing.objects.get()
    assert listing.price is None
    assert listing.price_on_request is True


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"price": ""}, "price", PRICE_REQUIRED),
        ({"price_on_request": "on"}, "price", PRICE_AND_ON_REQUEST),
        ({"price": "-5"}, "price", "Ensure this value is greater than or equal to 0."),
        ({"price": "abc"}, "price", "Enter a number."),
        ({"title": ""}, "title", "This field is required."),
        ({"description": "x" * 5001}, "description", "at most 5000 characters"),
        ({"min_order_quantity": "0"}, "min_order_quantity", "greater than or equal to 1"),
        ({"category": "section"}, "category", "Select a valid choice"),
        ({"category": "abc"}, "category", "Select a valid choice"),
        ({"unit": "barrel"}, "unit", "Select a valid choice"),
        ({"region": "mars"}, "region", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_keeps_what_was_typed(
    seller_client, overrides, field, message
):
    response = seller_client.post("/seller/listings/new/", form_data(**overrides))

    assert response.status_code == 200
    assert not Listing.objects.exists()
    errors = " ".join(response.context["form"].errors[field])
    assert str(message) in errors
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body or 'class="errorlist' in body
    if field != "title":
        assert 'value="Сеялка СЗП-3,6"' in body


def test_a_rejected_edit_loses_nothing_already_saved(seller_client, company):
    listing = ListingFactory(company=company, title="Старое название", price=1000)

    response = seller_client.post(
        f"/seller/listings/{listing.pk}/edit/", form_data(title="Новое", price="oops")
    )

    assert response.status_code == 200
    listing.refresh_from_db()
    assert listing.title == "Старое название"
    assert listing.price == 1000
    body = response.content.decode()
    assert 'value="Новое"' in body
    assert "Старое название" in body


def test_a_seller_edits_a_published_listing_which_stays_published(seller_client, company):
    listing = ListingFactory(company=company)
    published_at = listing.published_at

    seller_client.post(f"/seller/listings/{listing.pk}/edit/", form_data(title="Новое"))

    listing.refresh_from_db()
    assert listing.title == "Новое"
    assert listing.status == Listing.Status.PUBLISHED
    assert listing.published_at == published_at


def test_archive_then_publish_again(seller_client, company):
    listing = ListingFactory(company=company)

    seller_client.post(f"/seller/listings/{listing.pk}/archive/")
    listing.refresh_from_db()
    assert listing.status == Listing.Status.ARCHIVED

    seller_client.post(f"/seller/listings/{listing.pk}/publish/")
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PUBLISHED


def test_a_blocked_listing_cannot_be_published_or_archived_by_its_seller(seller_client, company):
    listing = ListingFactory(company=company, status=Listing.Status.BLOCKED)

    response = seller_client.post(f"/seller/listings/{listing.pk}/publish/", follow=True)
    seller_client.post(f"/seller/listings/{listing.pk}/archive/")

    listing.refresh_from_db()
    assert listing.status == Listing.Status.BLOCKED
    assert str(services.PUBLISH_BLOCKED) in response.content.decode()


def test_a_seller_without_a_verified_email_keeps_a_draft_and_is_told_why(client):
    user = accept_policy(UserFactory(verified=False))
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    CompanyFactory(owner=user)
    client.force_login(user)

    response = client.post("/seller/listings/new/", form_data(action="publish"), follow=True)

    listing = Listing.objects.get()
    assert listing.status == Listing.Status.DRAFT
    assert str(services.PUBLISH_NEEDS_VERIFIED_EMAIL) in response.content.decode()


def test_a_user_without_a_company_is_asked_to_add_one(client):
    client.force_login(accept_policy(UserFactory()))

    response = client.get("/seller/listings/")

    assert response.status_code == 403
    assert 'href="/account/company/"' in response.content.decode()
    assert client.post("/seller/listings/new/", form_data()).status_code == 403
    assert not Listing.objects.exists()


def test_publishing_needs_a_company_and_a_verified_email():
    buyer = UserFactory()
    assert services.publish_refusal(user=buyer) == services.PUBLISH_NEEDS_COMPANY
    unverified = UserFactory(verified=False)
    CompanyFactory(owner=unverified)
    assert services.publish_refusal(user=unverified) == services.PUBLISH_NEEDS_VERIFIED_EMAIL
    assert services.publish_refusal(user=CompanyFactory().owner) is None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/seller/listings/")

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_desk_lists_own_listings_with_a_status_filter(seller_client, company):
    ListingFactory(company=company, title="Мой опубликованный")
    ListingFactory(company=company, title="Мой черновик", draft=True)
    ListingFactory(title="Чужой")

    everything = seller_client.get("/seller/listings/")
    drafts = seller_client.get("/seller/listings/", {"status": "draft"})
    bogus = seller_client.get("/seller/listings/", {"status": "bogus"})

    assert {x.title for x in everything.context["page"]} == {"Мой опубликованный", "Мой черновик"}
    assert [x.title for x in drafts.context["page"]] == ["Мой черновик"]
    assert bogus.status_code == 200
    assert "Чужой" not in everything.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_desk_runs_a_bounded_number_of_queries(
    seller_client, company, django_assert_max_num_queries, count
):
    for listing in ListingFactory.create_batch(count, company=company):
        if listing.pk % 3 == 0:
            services.listing_image_add(listing=listing, upload=image_upload())

    # Six of the desk's own (company, count, counts per status, e-mail check, page, covers);
    # the rest is every signed-in page's: session, user, policy, last interaction, cookies,
    # and a seller's header and tabs (orders waiting; requests and questions of deals).
    with django_assert_max_num_queries(18):
        assert seller_client.get("/seller/listings/").status_code == 200


def test_a_seller_deletes_a_listing_with_its_photos(
    seller_client, company, settings, django_capture_on_commit_callbacks
):
    listing = ListingFactory(company=company)
    image = services.listing_image_add(listing=listing, upload=image_upload())
    files = [settings.MEDIA_ROOT / image.image.name, settings.MEDIA_ROOT / image.thumbnail.name]
    assert all(path.exists() for path in files)

    assert seller_client.get(f"/seller/listings/{listing.pk}/delete/").status_code == 200
    assert Listing.objects.filter(pk=listing.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        seller_client.post(f"/seller/listings/{listing.pk}/delete/")

    assert not Listing.objects.filter(pk=listing.pk).exists()
    assert not any(path.exists() for path in files)


# --- Another seller's listing is out of reach --------------------------------------------------


@pytest.fixture
def others_listing():
    listing = ListingFactory(title="Чужое", price=777)
    image = services.listing_image_add(listing=listing, upload=image_upload())
    return listing, image


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/seller/listings/{pk}/edit/"),
        ("post", "/seller/listings/{pk}/edit/"),
        ("get", "/seller/listings/{pk}/delete/"),
        ("post", "/seller/listings/{pk}/delete/"),
        ("post", "/seller/listings/{pk}/publish/"),
        ("post", "/seller/listings/{pk}/archive/"),
        ("post", "/seller/listings/{pk}/images/"),
        ("post", "/seller/listings/{pk}/images/{image}/delete/"),
        ("post", "/seller/listings/{pk}/images/{image}/move/"),
    ],
)
def test_a_seller_gets_404_on_another_sellers_listing(seller_client, others_listing, method, url):
    listing, image = others_listing
    data = form_data(title="Взлом") if "edit" in url else {"image": image_upload()}

    response = getattr(seller_client, method)(url.format(pk=listing.pk, image=image.pk), data)

    assert response.status_code == 404
    listing.refresh_from_db()
    assert listing.title == "Чужое"
    assert listing.status == Listing.Status.PUBLISHED
    assert list(listing.images.all()) == [image]


def test_a_seller_gets_404_on_another_sellers_photo_through_their_own_listing(
    seller_client, company, others_listing
):
    _listing, image = others_listing
    own = ListingFactory(company=company)

    url = f"/seller/listings/{own.pk}/images/{image.pk}/delete/"

    assert seller_client.post(url).status_code == 404
    assert ListingImage.objects.filter(pk=image.pk).exists()


# --- Photos --------------------------------------------------------------------------------------


def test_a_real_photo_is_stored_with_a_thumbnail_and_without_its_metadata(seller_client, company):
    listing = ListingFactory(company=company)

    response = seller_client.post(
        f"/seller/listings/{listing.pk}/images/",
        {"image": image_upload("Фото трактора.jpg", "JPEG", size=(3000, 2000))},
    )

    assert response.status_code == 302
    image = listing.images.get()
    assert image.image.name.endswith(".webp")
    assert "Фото" not in image.image.name
    assert (image.width, image.height) == (3000, 2000)
    with Image.open(image.thumbnail.path) as thumbnail:
        assert max(thumbnail.size) == services.THUMBNAIL_SIDE
    with Image.open(image.image.path) as stored:
        assert max(stored.size) == services.IMAGE_MAX_SIDE
        assert not stored.getexif()


def test_a_text_file_renamed_jpg_is_refused_at_the_field(seller_client, company):
    listing = ListingFactory(company=company)
    fake = SimpleUploadedFile("tractor.jpg", b"this is not a photo\n" * 50, "image/jpeg")

    response = seller_client.post(f"/seller/listings/{listing.pk}/images/", {"image": fake})

    assert response.status_code == 200
    assert response.context["image_form"].errors["image"] == [str(IMAGE_NOT_AN_IMAGE)]
    assert str(IMAGE_NOT_AN_IMAGE) in response.content.decode()
    assert not listing.images.exists()


def test_a_20_mb_image_is_refused_at_the_field(seller_client, company):
    listing = ListingFactory(company=company)
    big = SimpleUploadedFile(
        "big.png", image_bytes("PNG") + b"\0" * (20 * 1024 * 1024), content_type="image/png"
    )

    response = seller_client.post(f"/seller/listings/{listing.pk}/images/", {"image": big})

    assert response.status_code == 200
    assert response.context["image_form"].errors["image"] == [str(IMAGE_TOO_LARGE)]
    assert str(IMAGE_TOO_LARGE) in response.content.decode()
    assert not listing.images.exists()


def test_an_image_in_another_format_is_refused(seller_client, company):
    listing = ListingFactory(company=company)
    gif = SimpleUploadedFile("anim.gif", image_bytes("GIF"), content_type="image/gif")

    response = seller_client.post(f"/seller/listings/{listing.pk}/images/", {"image": gif})

    assert response.context["image_form"].errors["image"] == [str(IMAGE_WRONG_FORMAT)]


def test_a_listing_holds_at_most_ten_photos(seller_client, company):
    listing = ListingFactory(company=company)
    for _n in range(services.MAX_IMAGES):
        services.listing_image_add(listing=listing, upload=image_upload())

    response = seller_client.post(
        f"/seller/listings/{listing.pk}/images/", {"image": image_upload()}
    )

    assert response.status_code == 200
    message = services.IMAGE_LIMIT_REACHED % {"max": services.MAX_IMAGES}
    assert response.context["image_form"].errors["image"] == [message]
    assert listing.images.count() == services.MAX_IMAGES


def test_a_failed_upload_keeps_the_listing_and_its_photos(seller_client, company):
    listing = ListingFactory(company=company, title="Мой трактор")
    kept = services.listing_image_add(listing=listing, upload=image_upload())

    response = seller_client.post(
        f"/seller/listings/{listing.pk}/images/",
        {"image": SimpleUploadedFile("x.jpg", b"nope", "image/jpeg")},
    )

    assert 'value="Мой трактор"' in response.content.decode()
    assert response.context["images"] == [kept]


def test_photos_are_reordered_and_deleted(seller_client, company):
    listing = ListingFactory(company=company)
    first, second, third = (
        services.listing_image_add(listing=listing, upload=image_upload()) for _n in range(3)
    )

    seller_client.post(
        f"/seller/listings/{listing.pk}/images/{third.pk}/move/", {"direction": "up"}
    )
    assert list(listing.images.all()) == [first, third, second]

    seller_client.post(
        f"/seller/listings/{listing.pk}/images/{first.pk}/move/", {"direction": "down"}
    )
    assert list(listing.images.all()) == [third, first, second]

    seller_client.post(f"/seller/listings/{listing.pk}/images/{third.pk}/delete/")
    assert list(listing.images.all()) == [first, second]
