"""The search page's links change one parameter of the search shown ({% querystring %})."""

import html
import re
from urllib.parse import unquote

import pytest
from django.test import override_settings

from accounts.tests.factories import CompanyFactory
from listings.tests.factories import ListingFactory, leaf

pytestmark = pytest.mark.django_db
SEARCH = "/listings/"


def _hrefs(response) -> list[str]:
    found = re.findall(r'href="([^"]*)"', response.content.decode())
    return [unquote(html.unescape(href)) for href in found]


@pytest.mark.parametrize("seconds", [0, 60], ids=["uncached", "cached"])
def test_category_and_page_links_keep_the_rest_of_the_search(client, seconds):
    tractors = leaf("tractors")
    company = CompanyFactory()
    ListingFactory.create_batch(25, title="Трактор МТЗ", category=tractors, company=company)

    with override_settings(SEARCH_CACHE_SECONDS=seconds):
        page = client.get(SEARCH, {"q": "трактор", "category": tractors.pk, "page": 2})
    hrefs = _hrefs(page)

    assert "/listings/?q=трактор" in hrefs  # all categories: no category, page 1
    assert f"?q=трактор&category={tractors.parent_id}" in hrefs  # a facet: page 1 of it
    assert f"?q=трактор&category={tractors.pk}&page=1" in hrefs  # previous page
    assert not any("page=" in h and "category" not in h for h in hrefs if h.startswith("?"))


def test_relevance_is_offered_only_to_a_search_for_words(client):
    ListingFactory(title="Трактор")

    without_words = client.get(SEARCH).content.decode()
    with_words = client.get(SEARCH, {"q": "трактор"}).content.decode()

    assert 'value="relevance"' not in without_words
    assert '<option value="newest" selected>' in without_words
    assert '<option value="relevance" selected>' in with_words
