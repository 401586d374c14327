"""A visitor moves between the languages' URLs with the switch in the header.

The tests' default language is English (pytest.ini), so English is at the root here and
Russian and Kazakh carry the prefixes.
"""

import re

import pytest
from playwright.sync_api import expect

from listings.tests.factories import ListingFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _switch(page, language: str) -> None:
    with page.expect_navigation():
        page.locator("#language-select").select_option(language)


def test_the_language_switch_moves_between_the_languages_urls(page, live_server):
    listing = ListingFactory(title="Трактор МТЗ-82")
    page.goto(f"/listings/{listing.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    _switch(page, "kk")

    expect(page).to_have_url(f"{live_server.url}/kk/listings/{listing.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    page.locator(".seller-card h2 a").click()
    expect(page).to_have_url(f"{live_server.url}/kk/sellers/{listing.company.pk}/")

    _switch(page, "ru")

    expect(page).to_have_url(f"{live_server.url}/ru/sellers/{listing.company.pk}/")
    expect(page.get_by_role("heading", level=2, name=re.compile("Отзывы"))).to_be_visible()

    _switch(page, "en")

    expect(page).to_have_url(f"{live_server.url}/sellers/{listing.company.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.errors == []
