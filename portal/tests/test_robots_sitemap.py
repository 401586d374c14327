"""/robots.txt and /sitemap.xml: crawlers reach public listings, categories and sellers in
every language, never a person's pages or search results."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from accounts.tests.factories import CompanyFactory
from listings.models import Category, Listing
from listings.tests.factories import ListingFactory
from portal.seo import sitemaps

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _rules(client) -> list[tuple[str, str]]:
    body = client.get("/robots.txt").content.decode()
    return re.findall(r"^(Allow|Disallow): (\S+)$", body, re.M)


def _pattern(rule: str) -> re.Pattern:
    body = re.escape(rule).replace(r"\*", ".*")
    return re.compile(body[:-2] + "$" if body.endswith(r"\$") else body)


def _allowed(rules, url: str) -> bool:
    """Apply robots rules as RFC 9309 says: the longest match wins, Allow on a tie."""
    matches = [(len(rule), kind == "Allow") for kind, rule in rules if _pattern(rule).match(url)]
    return max(matches, default=(0, True))[1]


@pytest.mark.parametrize("prefix", ["", "/kk", "/en"])
def test_robots_let_crawlers_reach_public_pages_only(client, russian_at_root, prefix):
    rules = _rules(client)
    crawled = [
        "/",
        "/listings/",
        "/listings/12/",
        "/listings/?category=7",
        "/sellers/3/",
        "/privacy/policy/",
        "/accounts/signup/",
    ]
    not_crawled = [
        "/cart/",
        "/cart/checkout/3/",
        "/account/",
        "/account/privacy/",
        "/seller/listings/",
        "/seller/orders/5/",
        "/orders/0b7e5f42-9d3c-4b8e-8f0e-3a2b1c4d5e6f/",
        "/listings/?q=трактор",
        "/listings/?category=7&q=трактор",
        "/listings/?sort=price_asc&category=7",
    ]
    for path in crawled:
        assert _allowed(rules, prefix + path), prefix + path
    for path in not_crawled:
        assert not _allowed(rules, prefix + path), prefix + path
    assert not _allowed(rules, "/admin/")


def test_robots_name_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in body.splitlines()


def _index(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).findall("s:sitemap/s:loc", NS)]


def _urls(client, location: str) -> dict[str, dict[str, str]]:
    """Return each <loc> of a sitemap page with its hreflang alternates."""
    parts = urlsplit(location)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert response.status_code == 200, location
    found = {}
    for url in ET.fromstring(response.content).findall("s:url", NS):
        links = url.findall("x:link", NS)
        found[url.find("s:loc", NS).text] = {
            link.get("hreflang"): link.get("href") for link in links
        }
    return found


def _all_urls(client) -> dict[str, dict[str, str]]:
    found = {}
    for location in _index(client):
        found.update(_urls(client, location))
    return found


def test_the_sitemap_lists_public_listings_categories_and_sellers_in_every_language(
    client, russian_at_root
):
    listing = ListingFactory()
    hidden = [
        ListingFactory(draft=True),
        ListingFactory(status=Listing.Status.ARCHIVED),
        ListingFactory(status=Listing.Status.BLOCKED),
        ListingFactory(company__owner__is_active=False),
    ]
    category = Category.objects.order_by("pk").first()

    urls = _all_urls(client)

    host = "http://testserver"
    for path in [f"/listings/{listing.pk}/", f"/sellers/{listing.company.pk}/"]:
        for prefix in ["", "/kk", "/en"]:
            assert f"{host}{prefix}{path}" in urls
        assert urls[f"{host}/kk{path}"] == {
            "ru": f"{host}{path}",
            "kk": f"{host}/kk{path}",
            "en": f"{host}/en{path}",
            "x-default": f"{host}{path}",
        }
    assert f"{host}/kk/listings/?category={category.pk}" in urls
    for other in hidden:
        assert f"{host}/listings/{other.pk}/" not in urls
    assert f"{host}/sellers/{hidden[-1].company.pk}/" not in urls
    paths = {urlsplit(url).path for url in urls}
    assert paths <= {"/", "/kk/", "/en/"} | {
        p for p in paths if re.fullmatch(r"(/kk|/en)?/(listings|sellers)/(\d+/)?", p)
    }
    assert not any("/cart/" in url or "/account/" in url for url in urls)


def test_the_listing_sitemap_is_cut_into_ranges_of_ids(client, monkeypatch, russian_at_root):
    monkeypatch.setattr(sitemaps.ListingSitemap, "per_page", 3)
    listings = ListingFactory.create_batch(7)
    ListingFactory(draft=True)

    pages = [loc for loc in _index(client) if "sitemap-listings" in loc]
    top = Listing.objects.order_by("-pk").first().pk
    assert len(pages) == -(-top // 3)
    urls = {}
    for page in pages:
        found = _urls(client, page)
        assert len(found) <= 3 * 3
        urls.update(found)

    expected = {f"http://testserver/listings/{listing.pk}/" for listing in listings}
    assert {url for url in urls if "/en/" not in url and "/kk/" not in url} == expected
    assert client.get(f"/sitemap-listings.xml?p={len(pages) + 1}").status_code == 404
    assert client.get("/sitemap-listings.xml?p=first").status_code == 404


def _page_of(listing) -> str:
    """Return the sitemap page that lists the listing: pages are ranges of ids, and ids grow
    over the whole test session (rolled back rows keep theirs)."""
    return f"/sitemap-listings.xml?p={(listing.pk - 1) // sitemaps.ListingSitemap.per_page + 1}"


def test_a_sitemap_page_costs_the_same_few_queries_whatever_its_size(
    client, django_assert_max_num_queries
):
    listings = ListingFactory.create_batch(3)
    # The highest id, one range of ids, and the cookie groups every response checks.
    with django_assert_max_num_queries(4) as small:
        client.get(_page_of(listings[0]))
    listings += ListingFactory.create_batch(30)

    urls = 0
    for page in sorted({_page_of(listing) for listing in listings}):
        with django_assert_max_num_queries(len(small)):
            urls += client.get(page).content.count(b"<url>")

    assert urls == 33 * 3
    with django_assert_max_num_queries(3):  # the highest ids and the categories
        client.get("/sitemap.xml")


def test_sellers_are_listed_whether_or_not_they_have_listings(client):
    company = CompanyFactory()

    assert f"http://testserver/sellers/{company.pk}/" in _all_urls(client)


def test_listing_urls_carry_the_day_of_their_last_change(client):
    listing = ListingFactory()

    response = client.get(_page_of(listing))

    day = timezone.localdate(listing.updated_at).isoformat()
    assert f"<loc>http://testserver/listings/{listing.pk}/</loc>\n<lastmod>{day}</lastmod>" in (
        response.content.decode()
    )
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert response.has_header("Last-Modified")
