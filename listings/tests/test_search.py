"""Search: words, filters, sorting, paging, counts, what is found and how a card shows it."""

import pytest
from django.urls import reverse

from accounts.regions import Region
from accounts.tests.factories import CompanyFactory
from listings.forms import SEARCH_INVALID_CATEGORY, SEARCH_PRICE_INVALID, SEARCH_PRICE_RANGE
from listings.models import Category, Listing
from listings.services import listing_image_add
from listings.tests.factories import ListingFactory, image_upload, leaf
from listings.tests.search_helpers import SEARCH, limits_set, titles

pytestmark = pytest.mark.django_db


def test_a_russian_word_form_finds_the_other_forms(client):
    ListingFactory(title="Трактор МТЗ-82", description="Б/у, на ходу.")
    ListingFactory(title="Сеялка СЗП-3,6", description="Новая.")

    response = client.get(SEARCH, {"q": "тракторы"})

    assert response.status_code == 200
    assert titles(response) == ["Трактор МТЗ-82"]


def test_an_english_word_form_finds_the_other_forms(client):
    ListingFactory(title="Wheel tractor John Deere 8R", description="Delivered anywhere.")
    ListingFactory(title="Combine Acros 595", description="Ready for the harvest.")

    assert titles(client.get(SEARCH, {"q": "tractors"})) == ["Wheel tractor John Deere 8R"]


def test_a_word_in_the_description_also_matches_but_ranks_below_the_title(client):
    ListingFactory(title="Запчасти МТЗ", description="Подходят на трактор МТЗ-82.")
    ListingFactory(title="Трактор Беларус", description="Хорошее состояние.")

    assert titles(client.get(SEARCH, {"q": "трактор"})) == ["Трактор Беларус", "Запчасти МТЗ"]


def test_price_and_category_filters_combine(client):
    tractors, harvesters = leaf("tractors"), leaf("combine-harvesters")
    ListingFactory(title="Трактор дешёвый", category=tractors, price=5_000_000)
    ListingFactory(title="Трактор дорогой", category=tractors, price=50_000_000)
    ListingFactory(title="Комбайн дешёвый", category=harvesters, price=5_000_000)

    response = client.get(
        SEARCH, {"category": tractors.pk, "price_min": "1000000", "price_max": "10000000"}
    )

    assert titles(response) == ["Трактор дешёвый"]


def test_a_section_includes_its_subsections(client):
    ListingFactory(title="Трактор", category=leaf("tractors"))
    ListingFactory(title="Комбайн", category=leaf("combine-harvesters"))
    ListingFactory(title="Арматура", category=leaf("rebar"))
    section = Category.objects.get(slug="agricultural-machinery")

    assert sorted(titles(client.get(SEARCH, {"category": section.pk}))) == ["Комбайн", "Трактор"]


def test_region_condition_and_seller_filters(client):
    seller = CompanyFactory()
    ListingFactory(title="Нужный", company=seller, region=Region.KOSTANAY, condition="new")
    ListingFactory(title="Другой регион", company=seller, region=Region.ASTANA, condition="new")
    ListingFactory(title="Б/у", company=seller, region=Region.KOSTANAY, condition="used")
    ListingFactory(title="Другой продавец", region=Region.KOSTANAY, condition="new")

    response = client.get(
        SEARCH, {"region": Region.KOSTANAY, "condition": "new", "seller": seller.pk}
    )

    assert titles(response) == ["Нужный"]


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(client):
    ListingFactory(title="Трактор", price=5_000_000)

    response = client.get(SEARCH, {"q": "трактор", "price_min": "90000000"})

    assert titles(response) == []
    body = response.content.decode()
    assert "No listings match your search." in body
    assert "Clear filters" in body
    assert 'href="/listings/?q=%D1%82%D1%80%D0%B0%D0%BA%D1%82%D0%BE%D1%80"' in body


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999999999999999999"},
        {"price_min": "x"},
        {"price_max": "1e999"},
        {"price_min": "NaN"},
        {"sort": "bogus"},
        {"category": "abc"},
        {"category": "999999"},
        {"seller": "x"},
        {"region": "mars"},
        {"condition": "broken"},
        {"q": "a" * 1000},
        {"q": "& | ! <-> :* ' \""},
        {"q": "\x00"},
    ],
)
def test_bad_query_string_values_never_fail_the_page(client, query):
    ListingFactory(title="Трактор")

    response = client.get(SEARCH, query)

    assert response.status_code == 200


def test_an_invalid_price_is_ignored_with_a_message_at_the_field(client):
    ListingFactory(title="Трактор", price=5_000_000)

    response = client.get(SEARCH, {"price_min": "x"})

    assert titles(response) == ["Трактор"]
    assert str(SEARCH_PRICE_INVALID) in response.content.decode()


def test_an_upper_price_below_the_lower_one_is_ignored_with_a_message(client):
    ListingFactory(title="Трактор", price=5_000_000)

    response = client.get(SEARCH, {"price_min": "1000", "price_max": "10"})

    assert titles(response) == ["Трактор"]
    assert str(SEARCH_PRICE_RANGE) in response.content.decode()


def test_an_unknown_category_shows_all_categories_with_a_message(client):
    ListingFactory(title="Трактор")

    response = client.get(SEARCH, {"category": "999999"})

    assert titles(response) == ["Трактор"]
    assert str(SEARCH_INVALID_CATEGORY) in response.content.decode()


def test_sorts_by_price_both_ways_with_prices_on_request_last(client):
    ListingFactory(title="Средний", price=2_000)
    ListingFactory(title="Дешёвый", price=1_000)
    ListingFactory(title="По запросу", on_request=True)
    ListingFactory(title="Дорогой", price=3_000)

    assert titles(client.get(SEARCH, {"sort": "price_asc"})) == [
        "Дешёвый",
        "Средний",
        "Дорогой",
        "По запросу",
    ]
    assert titles(client.get(SEARCH, {"sort": "price_desc"})) == [
        "Дорогой",
        "Средний",
        "Дешёвый",
        "По запросу",
    ]


def test_newest_is_the_default_without_words(client):
    first = ListingFactory(title="Старый")
    ListingFactory(title="Новый")
    Listing.objects.filter(pk=first.pk).update(published_at="2020-01-01T00:00:00Z")

    assert titles(client.get(SEARCH)) == ["Новый", "Старый"]


def test_pages_hold_twenty_listings_and_a_page_past_the_end_shows_the_last(client):
    ListingFactory.create_batch(25, company=CompanyFactory())

    first = client.get(SEARCH)
    second = client.get(SEARCH, {"page": 2})
    past = client.get(SEARCH, {"page": 40})

    assert len(titles(first)) == 20
    assert len(titles(second)) == 5
    assert titles(past) == titles(second)
    assert 'href="?page=2"' in first.content.decode()


def test_paging_stops_at_the_result_window_and_says_so(client, monkeypatch):
    limits_set(monkeypatch, MAX_PAGES=2, COUNT_CAP=10)
    ListingFactory.create_batch(45, company=CompanyFactory())

    response = client.get(SEARCH, {"page": 3})

    assert response.context["result"].page == 2
    assert response.context["result"].num_pages == 2
    assert "Only the first 2 pages of results are shown" in response.content.decode()


def test_counts_per_category_follow_the_current_query(client):
    ListingFactory(title="Трактор МТЗ", category=leaf("tractors"))
    ListingFactory(title="Трактор ХТЗ", category=leaf("tractors"))
    ListingFactory(title="Шина для трактора", category=leaf("tyres-wheels"))
    ListingFactory(title="Арматура", category=leaf("rebar"), description="А500С, 12 мм.")

    result = client.get(SEARCH, {"q": "трактор"}).context["result"]

    counts = {f.category.slug: f.count.value for f in result.facets}
    assert counts == {"agricultural-machinery": 2, "spare-parts": 1}
    assert all(f.count.exact for f in result.facets)
    assert result.total.value == 3


def test_a_chosen_section_lists_its_subsections_with_counts(client):
    ListingFactory(category=leaf("tractors"))
    ListingFactory(category=leaf("sprayers"))
    section = Category.objects.get(slug="agricultural-machinery")

    result = client.get(SEARCH, {"category": section.pk}).context["result"]

    (chosen,) = [f for f in result.facets if f.selected]
    children = {c.category.slug: c.count.value for c in chosen.children}
    assert children["tractors"] == 1
    assert children["sprayers"] == 1
    assert children["combine-harvesters"] == 0


def test_past_the_count_cap_the_totals_are_estimates(client, monkeypatch):
    limits_set(monkeypatch, COUNT_CAP=3, MAX_PAGES=1, PAGE_SIZE=2)
    ListingFactory.create_batch(6, category=leaf("tractors"), company=CompanyFactory())

    response = client.get(SEARCH)

    result = response.context["result"]
    assert not result.total.exact
    assert result.total.value >= 4
    assert "About" in response.content.decode()
    assert len(result.listings) == 2


def test_only_visible_listings_are_found(client, django_user_model):
    ListingFactory(title="Трактор опубликован")
    ListingFactory(title="Трактор черновик", draft=True)
    ListingFactory(title="Трактор в архиве", status=Listing.Status.ARCHIVED)
    ListingFactory(title="Трактор заблокирован", status=Listing.Status.BLOCKED)
    gone = ListingFactory(title="Трактор удалённого продавца")
    django_user_model.objects.filter(pk=gone.company.owner_id).update(is_active=False)

    assert titles(client.get(SEARCH, {"q": "трактор"})) == ["Трактор опубликован"]
    assert titles(client.get(SEARCH)) == ["Трактор опубликован"]


def test_listing_cards_show_the_cover_price_and_seller(client):
    listing = ListingFactory(title="Трактор", price=12_500_000)
    image = listing_image_add(listing=listing, upload=image_upload())

    body = client.get(SEARCH).content.decode()

    assert image.thumbnail.url in body
    assert listing.company.name in body
    assert reverse("listings:detail", args=[listing.pk]) in body


def test_user_text_is_escaped_in_results(client):
    ListingFactory(title="<script>alert(1)</script> трактор")

    body = client.get(SEARCH, {"q": "<b>трактор</b>"}).content.decode()

    assert "<script>alert(1)</script>" not in body
    assert "<b>трактор</b>" not in body


# --- Every way of reading a page gives the same order ------------------------------------------
