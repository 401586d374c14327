import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings.models import Listing
from listings.tests.factories import ListingFactory, image_bytes, leaf
from portal.tests.helpers import decline_optional_cookies

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def catalogue():
    company = CompanyFactory(name="ТОО «Степь Агро»", is_verified=True)
    tractors, rebar = leaf("tractors"), leaf("rebar")
    ListingFactory(
        company=company,
        category=tractors,
        title="Трактор МТЗ-82",
        description="Б/у, на ходу, доставка по области.",
        price=9_000_000,
    )
    ListingFactory(
        company=company,
        category=tractors,
        title="Трактор Кировец К-744",
        description="Мощный, после ремонта.",
        price=42_000_000,
    )
    ListingFactory(
        company=company,
        category=rebar,
        title="Арматура А500С Ø12 мм",
        description="Со склада в Караганде.",
        price=310_000,
        unit=Listing.Unit.TONNE,
        min_order_quantity=5,
    )
    return company


def test_a_buyer_searches_filters_and_clears_the_filters(page, catalogue):
    page.goto("/")
    decline_optional_cookies(page)

    page.get_by_placeholder("What are you looking for?").fill("тракторы")
    page.get_by_role("button", name="Find").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “тракторы”")
    results = page.locator(".listing-card-title")
    expect(results).to_have_count(2)
    expect(page.get_by_text("2 listings found")).to_be_visible()

    page.get_by_label("to", exact=True).fill("10000000")
    page.get_by_role("button", name="Apply").click()
    expect(results).to_have_count(1)
    expect(results.first).to_have_text("Трактор МТЗ-82")

    page.locator(".facets").get_by_role("link", name="Agricultural machinery").click()
    expect(page.locator(".breadcrumbs")).to_contain_text("Agricultural machinery")
    expect(results).to_have_count(1)

    page.get_by_label("Price from").fill("50000000")
    page.get_by_label("to", exact=True).fill("")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("No listings match your search.")).to_be_visible()

    page.locator(".empty-state").get_by_role("link", name="Clear filters").click()
    expect(results).to_have_count(2)
    assert page.errors == []


def test_a_buyer_sorts_results_and_opens_a_listing_and_its_seller(page, catalogue):
    page.goto("/listings/")
    decline_optional_cookies(page)

    page.get_by_label("Sort").select_option("price_asc")
    expect(page).to_have_url(re.compile(r"sort=price_asc"))
    expect(page.locator(".listing-card-title").first).to_have_text("Арматура А500С Ø12 мм")

    page.get_by_role("link", name="Арматура А500С Ø12 мм").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Арматура А500С Ø12 мм")
    expect(page.get_by_text("310,000")).to_be_visible()
    expect(page.get_by_label("Quantity, tonne")).to_have_value("5")
    expect(page.get_by_role("button", name="Add to cart")).to_be_visible()
    expect(page.get_by_role("link", name="Report this listing")).to_be_visible()

    page.get_by_role("link", name="ТОО «Степь Агро»").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ТОО «Степь Агро»")
    expect(page.get_by_text("Verified company")).to_be_visible()
    expect(page.locator(".listing-card")).to_have_count(3)
    assert page.errors == []


def test_a_seller_creates_a_listing_with_a_photo_publishes_it_and_finds_it(
    signed_in_page, tmp_path
):
    seller = accept_policy(UserFactory())
    CompanyFactory(owner=seller, name="ТОО «Ертис Маш»")
    photo = tmp_path / "seeder.png"
    photo.write_bytes(image_bytes("PNG", size=(640, 480), color=(180, 140, 40)))
    page = signed_in_page(seller)

    page.goto("/seller/listings/")
    decline_optional_cookies(page)
    page.get_by_role("link", name="Create your first listing").click()

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#id_title_error")).to_have_text("This field is required.")

    page.get_by_label("Title").fill("Сеялка Amazone Condor 15001")
    page.get_by_label("Category").select_option(label="Seeders and planters")
    page.get_by_label("Description").fill("Посевной комплекс, 2019 год, один хозяин.")
    page.get_by_label("Price, KZT").fill("38500000")
    page.get_by_label("Region").select_option("kostanay")
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_text("Your listing is saved as a draft.")).to_be_visible()
    page.get_by_label("Add a photo").set_input_files(str(photo))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("The photo is added.")).to_be_visible()
    expect(page.locator(".photo-list img")).to_have_count(1)

    page.locator(".listing-status-actions").get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Your listing is published.")).to_be_visible()

    page.goto("/listings/?q=сеялки")
    card = page.locator(".listing-card", has_text="Сеялка Amazone Condor 15001")
    expect(card).to_have_count(1)
    thumbnail = card.locator("img")
    expect(thumbnail).to_have_attribute("src", re.compile(r"^/media/listings/\d+/.+\.webp$"))
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.errors == []
