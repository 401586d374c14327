"""The public pages of one listing, one seller, and the home page."""

import pytest

from accounts.tests.factories import CompanyFactory, UserFactory
from listings.models import Listing
from listings.services import listing_image_add
from listings.tests.factories import ListingFactory, ReviewFactory, image_upload, leaf

pytestmark = pytest.mark.django_db


def test_a_listing_shows_price_unit_minimum_order_and_seller(client):
    company = CompanyFactory(name="ТОО «Степь Агро»", is_verified=True)
    listing = ListingFactory(
        company=company,
        title="Трактор МТЗ-82",
        price=12_500_000,
        unit=Listing.Unit.PIECE,
        min_order_quantity=2,
    )
    ReviewFactory(company=company, rating=4)
    ReviewFactory(company=company, rating=5)

    response = client.get(f"/listings/{listing.pk}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Трактор МТЗ-82" in body
    assert "12,500,000" in body
    assert "Minimum order" in body
    assert "ТОО «Степь Агро»" in body
    assert "Verified company" in body
    assert response.context["rating"].average == 4.5
    assert f'href="{company.get_absolute_url()}"' in body


def test_a_listing_without_a_price_says_price_on_request(client):
    listing = ListingFactory(on_request=True)

    body = client.get(f"/listings/{listing.pk}/").content.decode()

    assert "Price on request" in body


def test_the_add_to_cart_form_posts_the_minimum_quantity_to_the_cart(client):
    listing = ListingFactory(min_order_quantity=5)

    body = client.get(f"/listings/{listing.pk}/").content.decode()

    assert f'action="/cart/add/{listing.pk}/"' in body
    assert 'name="quantity" min="5"' in body
    assert 'value="5"' in body
    assert "csrfmiddlewaretoken" in body


def test_a_listing_links_to_the_complaint_form(client):
    listing = ListingFactory()

    body = client.get(f"/listings/{listing.pk}/").content.decode()

    assert f'href="/support/complaint/?listing={listing.pk}"' in body


def test_a_listing_shows_its_photos_in_order(client):
    listing = ListingFactory()
    first = listing_image_add(listing=listing, upload=image_upload())
    second = listing_image_add(listing=listing, upload=image_upload(color=(200, 10, 10)))

    response = client.get(f"/listings/{listing.pk}/")

    assert response.context["images"] == [first, second]
    assert first.image.url in response.content.decode()


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Listing.Status.DRAFT, "published_at": None},
        {"status": Listing.Status.ARCHIVED},
        {"status": Listing.Status.BLOCKED},
    ],
)
def test_a_listing_the_public_may_not_see_is_not_found(client, hidden):
    listing = ListingFactory(**hidden)

    assert client.get(f"/listings/{listing.pk}/").status_code == 404


def test_listings_of_a_deactivated_account_vanish_at_once(client, django_user_model):
    listing = ListingFactory()
    django_user_model.objects.filter(pk=listing.company.owner_id).update(is_active=False)

    assert client.get(f"/listings/{listing.pk}/").status_code == 404
    assert client.get(f"/sellers/{listing.company_id}/").status_code == 404
    assert client.get("/listings/").context["result"].listings == []
    assert client.get("/").context["latest"] == []


def test_the_owner_previews_a_draft_that_others_cannot_see(client, seller):
    listing = ListingFactory(company=seller.company, draft=True)
    client.force_login(seller)

    response = client.get(f"/listings/{listing.pk}/")

    assert response.status_code == 200
    assert response.context["is_preview"] is True
    assert "/cart/add/" not in response.content.decode()


def test_the_listing_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    listing = ListingFactory()
    for _n in range(4):
        listing_image_add(listing=listing, upload=image_upload())
    ReviewFactory.create_batch(3, company=listing.company)

    with django_assert_max_num_queries(6):
        assert client.get(f"/listings/{listing.pk}/").status_code == 200


def test_a_seller_page_shows_company_rating_reviews_and_published_listings(client):
    company = CompanyFactory(name="ТОО «Дала»", is_verified=True)
    ListingFactory(company=company, title="Опубликован")
    ListingFactory(company=company, title="Черновик", draft=True)
    author = UserFactory(first_name="Айгерим", last_name="Сатпаева")
    ReviewFactory(company=company, author=author, rating=4, text="Отгрузили в срок.")
    ReviewFactory(company=company, rating=1, text="Спам", is_hidden=True)

    response = client.get(f"/sellers/{company.pk}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "ТОО «Дала»" in body
    assert "Verified company" in body
    assert [listing.title for listing in response.context["listings"]] == ["Опубликован"]
    assert "Айгерим С." in body
    assert "Сатпаева" not in body
    assert "Отгрузили в срок." in body
    assert "Спам" not in body
    assert response.context["rating"].average == 4.0
    assert response.context["rating"].count == 1


def test_an_unknown_seller_is_not_found(client):
    assert client.get("/sellers/999999/").status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_seller_page_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, count
):
    company = CompanyFactory()
    ListingFactory.create_batch(count, company=company)
    authors = UserFactory.create_batch(3)
    for author in authors:
        ReviewFactory(company=company, author=author)

    # Company, rating, reviews, listing count, listings, covers, eligibility (anonymous:
    # none), and two for the cookie banner.
    with django_assert_max_num_queries(8):
        assert client.get(f"/sellers/{company.pk}/").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_home_page_shows_sections_with_counts_and_the_latest_listings(
    client, django_assert_max_num_queries, count
):
    company = CompanyFactory()
    ListingFactory.create_batch(count, company=company, category=leaf("rebar"))
    ListingFactory(company=company, category=leaf("tractors"), title="Самый новый трактор")

    with django_assert_max_num_queries(6):
        response = client.get("/")

    counts = {f.category.slug: f.count.value for f in response.context["sections"]}
    assert counts == {"metal": count, "agricultural-machinery": 1}
    assert response.context["latest"][0].title == "Самый новый трактор"
    assert len(response.context["latest"]) == min(count + 1, 8)
    assert "Самый новый трактор" in response.content.decode()


def test_category_names_follow_the_active_language(client):
    tractors = leaf("tractors")

    assert tractors.name_in("ru") == "Тракторы"
    assert tractors.name_in("kk") == "Тракторлар"
    assert tractors.name_in("en") == "Tractors"
    assert tractors.name_in("de") == "Tractors"
    client.cookies["django_language"] = "ru"
    ListingFactory(category=tractors)
    assert "Тракторы" in client.get("/listings/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
