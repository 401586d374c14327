"""What search engines read in a page's head: description, canonical, hreflang, Open Graph,
and noindex on the pages of one person and on search results."""

import re
from html import unescape

import pytest

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings.tests.factories import ListingFactory, leaf
from orders.tests.factories import OrderFactory, OrderItemFactory

pytestmark = pytest.mark.django_db

NOINDEX = '<meta name="robots" content="noindex">'


def _canonical(html: str) -> str | None:
    found = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    return found.group(1) if found else None


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def _meta(html: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return unescape(found.group(1)) if found else None


def test_a_page_names_its_canonical_url_and_its_url_in_every_language(client, russian_at_root):
    listing = ListingFactory()

    html = client.get(f"/kk/listings/{listing.pk}/?utm_source=mail").content.decode()

    assert _canonical(html) == f"http://testserver/kk/listings/{listing.pk}/"
    assert _alternates(html) == {
        "ru": f"http://testserver/listings/{listing.pk}/",
        "kk": f"http://testserver/kk/listings/{listing.pk}/",
        "en": f"http://testserver/en/listings/{listing.pk}/",
        "x-default": f"http://testserver/listings/{listing.pk}/",
    }
    assert NOINDEX not in html


def test_a_page_shown_by_the_language_cookie_names_the_url_of_its_language(
    client, russian_at_root, settings
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get("/privacy/policy/").content.decode()

    assert _canonical(html) == "http://testserver/en/privacy/policy/"


def test_a_category_page_is_indexed_with_its_category_and_page(client, russian_at_root):
    category = leaf()

    html = client.get(f"/kk/listings/?page=1&category={category.pk}").content.decode()

    assert _canonical(html) == f"http://testserver/kk/listings/?category={category.pk}"
    assert _alternates(html)["ru"] == f"http://testserver/listings/?category={category.pk}"
    assert NOINDEX not in html


@pytest.mark.parametrize(
    "query", ["?q=трактор", "?sort=newest", "?category=1&region=astana", "?seller=1"]
)
def test_search_results_are_not_indexed(client, query):
    html = client.get(f"/listings/{query}").content.decode()

    assert NOINDEX in html
    assert _canonical(html) is None
    assert _alternates(html) == {}


@pytest.fixture
def seller_with_an_order(client):
    """A signed-in seller who bought something and has something in the cart."""
    user = accept_policy(UserFactory())
    CompanyFactory(owner=user)
    listing = ListingFactory()
    order = OrderFactory(buyer=user, company=listing.company, email=user.email)
    OrderItemFactory(order=order)
    client.force_login(user)
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "1"})
    return listing.company, order


@pytest.mark.parametrize("prefix", ["", "/kk"])
def test_the_pages_of_one_person_are_not_indexed(client, seller_with_an_order, prefix):
    company, order = seller_with_an_order
    paths = [
        "/cart/",
        f"/cart/checkout/{company.pk}/",
        "/account/",
        "/account/privacy/",
        "/account/orders/",
        "/seller/listings/",
        "/seller/orders/",
        f"/orders/{order.public_id}/",
    ]
    for path in paths:
        response = client.get(prefix + path)
        html = response.content.decode()

        assert response.status_code == 200, path
        assert NOINDEX in html, path
        assert _canonical(html) is None, path


def test_every_public_page_describes_itself_to_search_engines_and_to_link_previews(client):
    listing = ListingFactory(description="Трактор МТЗ-82, 2015 год, " + "пробег небольшой. " * 20)
    pages = {
        "/": "Machinery, seeds",
        f"/listings/{listing.pk}/": "Трактор МТЗ-82, 2015 год",
        f"/sellers/{listing.company.pk}/": listing.company.name,
        f"/listings/?category={listing.category.pk}": "offers of Kazakhstan",
        "/privacy/policy/": "personal data",
        "/cookies/": "optional cookies",
        "/accounts/signup/": "account",
        "/support/feedback/": "Machinery, seeds",
    }
    for path, words in pages.items():
        html = client.get(path).content.decode()
        description = _meta(html, "name", "description")

        assert words in (description or ""), path
        assert len(description) <= 160, path
        assert _meta(html, "property", "og:description") == description, path
        assert _meta(html, "property", "og:title"), path
        assert _meta(html, "property", "og:url") == _canonical(html), path
        assert _meta(html, "property", "og:image").startswith("http://testserver/"), path
        assert _meta(html, "property", "og:locale") == "en_US", path


def test_a_listing_preview_shows_its_title_and_first_photo(client):
    listing = ListingFactory(title="Сеялка СЗ-3,6")

    html = client.get(f"/listings/{listing.pk}/").content.decode()

    assert _meta(html, "property", "og:title") == "Сеялка СЗ-3,6"
    assert _meta(html, "property", "og:type") == "product"
