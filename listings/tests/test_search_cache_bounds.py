"""What the search cache may hold: a crawler walking URLs cannot fill the shared cache.

Issue 13, defect 12: each distinct anonymous search URL stored about 53 KB (its content and
its whole page, uncompressed), so adding a parameter made a new pair of entries.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from listings.tests.factories import ListingFactory

pytestmark = pytest.mark.django_db

SEARCH = "/listings/?q=трактор"


@pytest.fixture
def results():
    """A full first page of results: twenty cards with long descriptions."""
    ListingFactory.create_batch(
        20, description="Трактор в хорошем состоянии. Доставка по Казахстану. " * 40
    )


def _redis():
    return cache._cache.get_client(write=True)


def _stored() -> dict[str, int]:
    """Return every entry of the portal's cache with its size in bytes."""
    redis = _redis()
    return {key: redis.strlen(key) for key in redis.scan_iter(match=cache.make_key("*"))}


@pytest.mark.usefixtures("results")
def test_a_crawler_varying_the_query_string_stores_nothing_more():
    Client().get(SEARCH)
    stored = _stored()

    for n in range(10):
        Client().get(f"{SEARCH}&utm_source=crawler{n}")  # a parameter the page ignores
        Client().get(f"/listings/?page=1&q=трактор&sort=&n={n}")  # reordered, defaults
        Client().get(f"/listings/?q=++трактор++&x={n}")  # the same words, spelled otherwise

    assert _stored() == stored


@pytest.mark.usefixtures("results")
def test_a_variant_of_a_stored_search_is_served_from_its_canonical_entry(
    django_assert_num_queries,
):
    Client().get(SEARCH)

    with django_assert_num_queries(0):
        response = Client().get("/listings/?utm_source=mail&q=%20трактор")

    assert response.content.decode().count('class="listing-card"') == 20


@pytest.mark.usefixtures("results")
def test_every_stored_page_is_compressed_well_under_the_uncompressed_size():
    served = sum(len(Client().get(url).content) for url in (SEARCH, "/listings/"))

    # Whole pages and their contents (not the cards, which every page shares).
    sizes = [size for key, size in _stored().items() if b"listings:search-" in key]
    assert served > 20_000
    assert sum(sizes) < served / 2
    assert max(sizes) < 16 * 1024


@pytest.mark.usefixtures("results")
def test_a_page_over_the_size_limit_is_not_stored_but_still_served(
    settings, django_assert_max_num_queries
):
    settings.SEARCH_CACHE_ENTRY_MAX_BYTES = 1024
    Client().get(SEARCH)

    assert not [key for key in _stored() if b"listings:search-" in key]
    with django_assert_max_num_queries(10):
        assert Client().get(SEARCH).content.decode().count('class="listing-card"') == 20


@pytest.mark.usefixtures("results")
def test_a_search_with_an_invalid_value_is_rendered_and_not_stored():
    Client().get(SEARCH)
    stored = _stored()

    for n in range(5):
        response = Client().get(f"{SEARCH}&price_min=abc{n}")
        assert response.status_code == 200

    assert _stored() == stored


def test_every_page_entry_expires_so_that_redis_may_evict_it(results):
    """Production runs Redis with `maxmemory-policy volatile-lru` (README): only keys with a
    time to live are evicted, so the broker's queues never are, and every page entry must
    have one."""
    for url in (SEARCH, "/listings/"):
        Client().get(url)

    redis = _redis()
    pages = [key for key in _stored() if b"listings:search-" in key]
    assert pages
    assert all(0 < redis.ttl(key) <= 30 for key in pages)
