"""Search: every way of reading a page gives the same order, in a bounded number of queries."""

import pytest
from django.contrib.postgres.search import SearchQuery

from accounts.regions import Region
from accounts.tests.factories import CompanyFactory
from listings import selectors
from listings.models import Category, Listing
from listings.selectors import SEARCH_CONFIG, search, search_queries
from listings.services import listing_image_add
from listings.tests.factories import ListingFactory, image_upload, leaf
from listings.tests.search_helpers import SEARCH, limits_set, titles

pytestmark = pytest.mark.django_db


def _listings_with_photos(count):
    companies = CompanyFactory.create_batch(3)
    for n in range(count):
        category = leaf("tractors" if n % 2 else "rebar")
        listing = ListingFactory(category=category, company=companies[n % 3])
        listing_image_add(listing=listing, upload=image_upload())


QUERIES = [
    {},
    {"q": "трактор"},
    {"q": "трактор", "sort": "relevance", "page": "2"},
    {"category": "__section__", "sort": "price_desc"},
    {"seller": "__seller__", "region": Region.AKMOLA, "price_min": "1", "sort": "price_asc"},
    {"category": "__section__", "price_max": "99999999"},
    {"category": "__section__", "region": Region.AKMOLA, "condition": "used"},
]


@pytest.mark.parametrize("count", [3, 30])
def test_the_search_page_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, count
):
    _listings_with_photos(count)
    section = Category.objects.get(slug="agricultural-machinery")
    seller = Listing.objects.first().company
    values = {"__section__": section.pk, "__seller__": seller.pk}

    for query in QUERIES:
        query = {key: values.get(value, value) for key, value in query.items()}
        # At most three for the search (the capped sample, an estimate, the cards) and two
        # for the cookie banner of base.html; walking the leaves (a price range, a region
        # or a condition in a section) adds its savepoint and two planner settings.
        with django_assert_max_num_queries(9, info=str(query)):
            response = client.get(SEARCH, query)
        assert response.status_code == 200


def test_the_capped_search_page_still_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, monkeypatch
):
    limits_set(monkeypatch, COUNT_CAP=2, MAX_PAGES=1, PAGE_SIZE=2)
    _listings_with_photos(8)
    section = Category.objects.get(slug="agricultural-machinery")

    # Plus an estimate for each capped count, and a capped count within the category.
    with django_assert_max_num_queries(9):
        response = client.get(SEARCH, {"category": section.pk})

    assert not response.context["result"].total.exact


# --- Every way of reading a page gives the same order ------------------------------------------


@pytest.fixture
def spread():
    """Fifteen listings over three leaves of one section, with distinct prices and dates."""
    company = CompanyFactory()
    slugs = ["tractors", "sprayers", "seeders-planters"]
    for n in range(15):
        listing = ListingFactory(
            company=company,
            category=leaf(slugs[n % 3]),
            title=f"Трактор {n}" if n % 2 else f"Сеялка {n}",
            description="Трактор и доставка." if n % 5 == 0 else "Доставка.",
            price=None if n == 7 else 1000 + (n * 7919) % 15 * 100,
            price_on_request=n == 7,
        )
        Listing.objects.filter(pk=listing.pk).update(
            published_at=f"2026-01-{(n * 11) % 28 + 1:02d}T10:00:00Z"
        )


def _expected(rows, sort):
    if sort == "price_asc":
        return sorted(rows, key=lambda x: (x.price is None, x.price or 0, x.pk))
    if sort == "price_desc":
        return sorted(rows, key=lambda x: (x.price is None, -(x.price or 0), -x.pk))
    return sorted(rows, key=lambda x: (x.published_at, x.pk), reverse=True)


@pytest.mark.usefixtures("spread")
@pytest.mark.parametrize("sort", ["newest", "price_asc", "price_desc"])
@pytest.mark.parametrize(
    ("cap", "materialize_max", "gather_max", "query"),
    [
        (15, 10_000, 0, {}),  # every match in the sample: sorted in Python
        (3, 10_000, 0, {}),  # a few matches past the cap: materialised in the database
        (3, 0, 0, {}),  # many matches: read in index order
        (3, 0, 0, {"category": "section"}),  # many matches in a section: leaf by leaf
        (3, 10_000, 0, {"category": "section"}),
        (3, 10_000, 0, {"q": "доставка"}),  # words past the cap: a sample, then the page
        (3, 10_000, 100, {"q": "доставка"}),  # words by price, few: all read at once
    ],
)
def test_every_strategy_pages_through_the_same_order(
    client, monkeypatch, sort, cap, materialize_max, gather_max, query
):
    # Three pages of four: twelve of the fifteen listings fit the window.
    limits = {"COUNT_CAP": cap, "MATERIALIZE_MAX": materialize_max, "GATHER_MAX": gather_max}
    limits_set(monkeypatch, **limits, PAGE_SIZE=4, MAX_PAGES=3)
    if query.get("category") == "section":
        query = {"category": Category.objects.get(slug="agricultural-machinery").pk}
    expected = [x.title for x in _expected(list(Listing.objects.visible()), sort)]

    seen = []
    for page in (1, 2, 3):
        seen += titles(client.get(SEARCH, {**query, "sort": sort, "page": page}))

    assert seen == expected[:12]


@pytest.mark.usefixtures("spread")
def test_relevance_past_the_cap_ranks_the_freshest_matches_title_matches_first(client, monkeypatch):
    limits_set(monkeypatch, COUNT_CAP=2, MAX_PAGES=1, PAGE_SIZE=6)
    matches = Listing.objects.filter(
        search_vector=SearchQuery("трактор", search_type="websearch", config=SEARCH_CONFIG)
    )
    freshest = list(matches.order_by("-published_at", "-id")[:6])

    response = client.get(SEARCH, {"q": "трактор"})

    found = titles(response)
    assert not response.context["result"].total.exact
    assert set(found) == {x.title for x in freshest}
    in_title = [title.startswith("Трактор") for title in found]
    assert in_title == sorted(in_title, reverse=True)


@pytest.mark.usefixtures("spread")
@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ({"price_min": "1100"}, {"price_min": 1100}),
        ({"region": Region.KOSTANAY}, {"region": Region.KOSTANAY}),
        (
            {"region": Region.KOSTANAY, "condition": Listing.Condition.NEW},
            {"region": Region.KOSTANAY, "condition": Listing.Condition.NEW},
        ),
    ],
)
def test_walking_each_leaf_gives_the_same_pages_as_one_query(
    client, monkeypatch, settings, query, filters
):
    settings.SEARCH_CACHE_SECONDS = 0  # the same pages are asked for twice
    limits_set(monkeypatch, COUNT_CAP=4, PAGE_SIZE=3, MAX_PAGES=2)
    # Two regions and both conditions over the section's three leaves.
    for n, pk in enumerate(Listing.objects.order_by("pk").values_list("pk", flat=True)):
        Listing.objects.filter(pk=pk).update(
            region=Region.AKMOLA if n % 3 == 2 else Region.KOSTANAY,
            condition=Listing.Condition.USED if n % 4 == 3 else Listing.Condition.NEW,
        )
    section = Category.objects.get(slug="agricultural-machinery")
    query = {"category": section.pk, **query, "sort": "newest"}
    assert search_queries.walks_leaves(
        selectors.SearchParams(category=section, sort="newest", **filters), "newest"
    )

    walked = [titles(client.get(SEARCH, {**query, "page": n})) for n in (1, 2)]
    monkeypatch.setattr(search, "walks_leaves", lambda params, sort: False)
    queried = [titles(client.get(SEARCH, {**query, "page": n})) for n in (1, 2)]

    assert walked == queried
    assert len(walked[0]) == 3


def test_chosen_sellers_listings_in_a_category_are_not_walked_leaf_by_leaf():
    # The seller index finds them; walking every leaf would read it to the end.
    section = Category.objects.get(slug="agricultural-machinery")
    one = selectors.SearchParams(category=section, seller_id=1, region=Region.KOSTANAY)
    delivering = selectors.SearchParams(
        category=section, delivers_to=Region.KOSTANAY, condition=Listing.Condition.NEW
    )

    assert not search_queries.walks_leaves(one, "newest")
    assert not search_queries.walks_leaves(delivering, "newest")
    assert not search_queries.walks_leaves(selectors.SearchParams(category=section), "newest")
