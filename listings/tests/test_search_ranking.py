"""The order of known searches, and the freshest matches read window by window.

Relevance ranks the freshest matches (the sample); since issue 21 the sample is read in
windows of publication dates (listings/selectors/search_window.py). These tests keep the
order that known searches had before, and check that the windows give exactly the sample
one query gives, whichever windows a search needs.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import CompanyFactory
from listings import selectors
from listings.models import Listing
from listings.selectors import search_queries, search_sql, search_window
from listings.tests.factories import ListingFactory
from listings.tests.test_search import SEARCH, limits_set, titles

pytestmark = pytest.mark.django_db

WORDS = ["Трактор МТЗ", "Семена подсолнечника", "Труба steel pipe", "Цемент М500", "Сеялка"]
NOTES = [
    "Доставка по Казахстану.",
    "Трактор в подарок, доставка.",
    "Семена подсолнечника и кукурузы.",
    "Steel pipe, цемент, доставка.",
]
# Days since publication: in the first window, the second, and far older.
AGES = [0, 1, 2, 4, 6, 9, 12, 20, 33, 47, 60, 75, 90, 110, 130, 150, 175, 200, 240, 280, 320,
        350, 380, 420, 500]  # fmt: skip


@pytest.fixture
def catalogue():
    """Twenty-five listings of known words over more than a year, and one without a date."""
    company = CompanyFactory()
    now = timezone.now()
    for n, age in enumerate(AGES):
        listing = ListingFactory(
            company=company,
            title=f"{WORDS[n % len(WORDS)]} №{n}",
            description=NOTES[(n * 3) % len(NOTES)] * (1 + n % 3),
        )
        Listing.objects.filter(pk=listing.pk).update(published_at=now - timedelta(days=age))
    undated = ListingFactory(company=company, title="Трактор без даты", description="Доставка.")
    Listing.objects.filter(pk=undated.pk).update(published_at=None)


# As the search page ordered them before the windows (issue 21), pages 1 and 2.
KNOWN = {
    ("трактор", ""): [
        ["Трактор МТЗ №15", "Трактор без даты", "Трактор МТЗ №0", "Трактор МТЗ №5"],
        ["Трактор МТЗ №10", "Семена подсолнечника №11", "Труба steel pipe №7", "Цемент М500 №3"],
    ],
    ("семена подсолнечника", ""): [
        [
            "Семена подсолнечника №6",
            "Семена подсолнечника №1",
            "Семена подсолнечника №11",
            "Семена подсолнечника №16",
        ],
        ["Труба steel pipe №2", "Сеялка №14", "Трактор МТЗ №10", "Цемент М500 №18"],
    ],
    ("доставка", ""): [
        ["Трактор МТЗ №5", "Цемент М500 №8", "Семена подсолнечника №1", "Сеялка №4"],
        ["Труба steel pipe №7", "Трактор без даты", "Трактор МТЗ №0", "Цемент М500 №3"],
    ],
    ("steel pipe", ""): [
        [
            "Труба steel pipe №17",
            "Труба steel pipe №2",
            "Труба steel pipe №7",
            "Труба steel pipe №12",
        ],
        ["Трактор МТЗ №5", "Семена подсолнечника №1", "Цемент М500 №13", "Сеялка №9"],
    ],
    ("цемент", ""): [
        ["Цемент М500 №13", "Цемент М500 №3", "Цемент М500 №8", "Цемент М500 №18"],
        ["Трактор МТЗ №5", "Труба steel pipe №17", "Семена подсолнечника №1", "Сеялка №9"],
    ],
    ("трактор", "newest"): [
        ["Трактор без даты", "Трактор МТЗ №0", "Цемент М500 №3", "Трактор МТЗ №5"],
        ["Труба steel pipe №7", "Трактор МТЗ №10", "Семена подсолнечника №11", "Трактор МТЗ №15"],
    ],
    ("доставка", "newest"): [
        ["Трактор без даты", "Трактор МТЗ №0", "Семена подсолнечника №1", "Цемент М500 №3"],
        ["Сеялка №4", "Трактор МТЗ №5", "Труба steel pipe №7", "Цемент М500 №8"],
    ],
}


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(("q", "sort"), list(KNOWN))
def test_known_searches_keep_their_order(client, monkeypatch, q, sort):
    # A sample of nine (the window of two pages of four, plus one): fewer than the matches.
    limits_set(monkeypatch, COUNT_CAP=5, MAX_PAGES=2, PAGE_SIZE=4)
    query = {"q": q, **({"sort": sort} if sort else {})}

    found = [titles(client.get(SEARCH, {**query, "page": page})) for page in (1, 2)]

    assert found == KNOWN[(q, sort)]


def _one_query_sample(q: str, sort: str, cap: int) -> list[tuple]:
    """Return the sample as one query reads it: every match, sorted, the freshest kept."""
    tree = selectors.category_tree()
    params = selectors.SearchParams(q=q, sort=sort)
    matching = search_sql.matching_where(params, tree=tree, with_category=True)
    newest = f" ORDER BY {search_queries.ORDER_SQL[selectors.Sort.NEWEST]}"
    return search_queries.sample_read(
        matching, params, params.effective_sort, cap + 1, order=newest
    )


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize("cap", [0, 2, 6, 12, 30])
@pytest.mark.parametrize("q", ["трактор", "доставка", "семена подсолнечника", "xyzzy"])
@pytest.mark.parametrize("sort", ["relevance", "newest"])
@pytest.mark.parametrize("estimate", [0, 8, 40, 1000])  # the first window follows it
def test_windows_give_the_sample_of_one_query(monkeypatch, cap, q, sort, estimate):
    monkeypatch.setattr(search_window.Freshest, "plan", lambda self, n: (False, estimate))
    params = selectors.SearchParams(q=q, sort=sort)
    matching = search_sql.matching_where(params, tree=selectors.category_tree(), with_category=True)

    windowed, _estimate = search_queries.sample_rows(
        matching, params, params.effective_sort, cap=cap, newest_first=True
    )

    assert windowed == _one_query_sample(q, sort, cap)


@pytest.mark.usefixtures("catalogue")
def test_a_word_in_most_listings_is_read_in_one_query_in_date_order(
    monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(search_window.Freshest, "plan", lambda self, n: (True, 0))
    params = selectors.SearchParams(q="доставка")
    matching = search_sql.matching_where(params, tree=selectors.category_tree(), with_category=True)

    with django_assert_num_queries(1):
        rows, _estimate = search_queries.sample_rows(
            matching, params, params.effective_sort, cap=6, newest_first=True
        )

    assert rows == _one_query_sample("доставка", "relevance", 6)
