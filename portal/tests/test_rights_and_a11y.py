"""Guests find their rights (footer, order page), and the pages' structure serves people
who use a keyboard or a screen reader."""

import re

import pytest

from accounts.tests.factories import UserFactory, accept_policy
from listings.tests.factories import ListingFactory, ReviewFactory
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def _footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


def test_every_footer_links_to_the_data_request_form_and_the_statistics(client):
    listing = ListingFactory()
    urls = ["/", "/listings/", listing.get_absolute_url(), "/cart/", "/privacy/policy/",
            "/cookies/", "/accounts/login/", "/support/feedback/"]  # fmt: skip
    for url in urls:
        footer = _footer(client.get(url).content.decode())
        assert 'href="/privacy/request/"' in footer, url
        assert 'href="/privacy/stats/"' in footer, url


def test_a_guests_order_page_links_to_the_data_request_form(client):
    order = OrderFactory()

    html = client.get(order.get_absolute_url()).content.decode()
    main = html[html.index("<main") : html.index("</main>")]

    assert 'href="/privacy/request/"' in main


def _regions(html: str) -> list[str]:
    return re.findall(r'<div class="table-scroll"([^>]*)>', html)


def _assert_keyboard_scrollable(html: str):
    regions = _regions(html)
    assert regions
    for attributes in regions:
        assert 'tabindex="0"' in attributes
        assert 'role="region"' in attributes
        label = re.search(r'aria-labelledby="([^"]+)"', attributes).group(1)
        assert f'id="{label}"' in html


def test_the_policys_wide_tables_are_labelled_regions_a_keyboard_can_scroll(client):
    _assert_keyboard_scrollable(client.get("/privacy/policy/").content.decode())


def test_the_consent_history_is_a_labelled_region_a_keyboard_can_scroll(client):
    user = accept_policy(UserFactory(), marketing=True)
    client.force_login(user)

    _assert_keyboard_scrollable(client.get("/account/privacy/").content.decode())


def test_the_home_pages_two_searches_are_named_apart(client):
    html = client.get("/").content.decode()

    searches = re.findall(r'<form[^>]*role="search"[^>]*>', html)
    labels = [re.search(r'aria-label="([^"]+)"', form).group(1) for form in searches]
    assert len(labels) == 2
    assert len(set(labels)) == 2


def test_search_results_go_from_h1_to_h2_before_the_cards(client):
    ListingFactory.create_batch(2)

    html = client.get("/listings/").content.decode()

    main = html[html.index('<section class="search-results"') :]
    levels = [int(n) for n in re.findall(r"<h([1-6])", main)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_review_stars_are_an_image_with_a_name_not_a_labelled_span(client):
    review = ReviewFactory(rating=4)
    listing = ListingFactory(company=review.company)

    for url in (f"/sellers/{review.company.pk}/", listing.get_absolute_url()):
        html = client.get(url).content.decode()
        stars = re.findall(r'<span class="stars"[^>]*>', html)
        assert stars, url
        for span in stars:
            assert 'role="img"' in span, span
            assert "aria-label=" in span, span
