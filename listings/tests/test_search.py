import html
import re

import pytest
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import reverse

from accounts.regions import Region
from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings import cards, page_cache, search_page, selectors
from listings.forms import SEARCH_INVALID_CATEGORY, SEARCH_PRICE_INVALID, SEARCH_PRICE_RANGE
from listings.models import Category, Listing
from listings.selectors import categories, pages, search, search_queries
from listings.services import listing_image_add
from listings.tests.factories import ListingFactory, image_upload, leaf

pytestmark = pytest.mark.django_db

SEARCH = "/listings/"


def limits_set(monkeypatch, **limits):
    """Lower search's limits (COUNT_CAP, MAX_PAGES...) in every module that reads them."""
    for module in (search, search_queries, pages):
        for name, value in limits.items():
            if hasattr(module, name):
                monkeypatch.setattr(module, name, value)


CARD_TITLE = re.compile(r'class="listing-card-title"><a href="[^"]*">([^<]*)</a>')


def titles(response) -> list[str]:
    """Return the titles of the result cards, as the page shows them (cached or not)."""
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


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
        # for the cookie banner of base.html; walking the leaves (a price range in a
        # section) adds its savepoint and two planner settings.
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
    ("cap", "materialize_max", "query"),
    [
        (15, 10_000, {}),  # every match in the sample: sorted in Python
        (3, 10_000, {}),  # a few matches past the cap: materialised in the database
        (3, 0, {}),  # many matches: read in index order
        (3, 0, {"category": "section"}),  # many matches in a section: leaf by leaf
        (3, 10_000, {"category": "section"}),
    ],
)
def test_every_strategy_pages_through_the_same_order(
    client, monkeypatch, sort, cap, materialize_max, query
):
    # Three pages of four: twelve of the fifteen listings fit the window.
    limits = {"COUNT_CAP": cap, "MATERIALIZE_MAX": materialize_max, "PAGE_SIZE": 4, "MAX_PAGES": 3}
    limits_set(monkeypatch, **limits)
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
    matches = Listing.objects.filter(search_vector=search_queries.search_query("трактор"))
    freshest = list(matches.order_by("-published_at", "-id")[:6])

    response = client.get(SEARCH, {"q": "трактор"})

    found = titles(response)
    assert not response.context["result"].total.exact
    assert set(found) == {x.title for x in freshest}
    in_title = [title.startswith("Трактор") for title in found]
    assert in_title == sorted(in_title, reverse=True)


def test_a_card_shows_the_listing_as_it_is_now(client, django_capture_on_commit_callbacks):
    from listings.services import catalogue_changed

    listing = ListingFactory(title="Трактор старый")
    assert "Трактор старый" in client.get(SEARCH).content.decode()

    # An edit as listing_update makes it: the row changes and cached searches go stale.
    with django_capture_on_commit_callbacks(execute=True):
        Listing.objects.filter(pk=listing.pk).update(title="Трактор новый", price=42)
        catalogue_changed()

    body = client.get(SEARCH).content.decode()
    assert "Трактор новый" in body
    assert "Трактор старый" not in body


class _UnreachableCache:
    def __getattr__(self, name):
        def unavailable(*args, **kwargs):
            raise ConnectionError("cache down")

        return unavailable


def test_the_search_page_works_without_its_cache(client, monkeypatch):
    ListingFactory(title="Трактор")
    for module in (categories, cards, page_cache):
        monkeypatch.setattr(module, "cache", _UnreachableCache())

    assert "Трактор" in client.get(SEARCH).content.decode()


@pytest.mark.usefixtures("spread")
def test_walking_each_leaf_gives_the_same_pages_as_one_query(client, monkeypatch, settings):
    settings.SEARCH_CACHE_SECONDS = 0  # the same pages are asked for twice
    limits_set(monkeypatch, COUNT_CAP=4, PAGE_SIZE=3, MAX_PAGES=2)
    section = Category.objects.get(slug="agricultural-machinery")
    query = {"category": section.pk, "price_min": "1100", "sort": "newest"}
    assert search_queries.walks_leaves(
        selectors.SearchParams(category=section, price_min=1100, sort="newest"), "newest"
    )

    walked = [titles(client.get(SEARCH, {**query, "page": n})) for n in (1, 2)]
    monkeypatch.setattr(search, "walks_leaves", lambda params, sort: False)
    queried = [titles(client.get(SEARCH, {**query, "page": n})) for n in (1, 2)]

    assert walked == queried
    assert len(walked[0]) == 3


def test_a_repeated_search_is_served_from_the_shared_cache(client, django_assert_num_queries):
    ListingFactory(title="Трактор МТЗ-82")
    first = titles(client.get(SEARCH, {"q": "трактор"}))

    with django_assert_num_queries(0):  # the rendered content is shared, not only the data
        again = titles(client.get(SEARCH, {"q": "трактор"}))
    in_russian = titles(client.get(SEARCH, {"q": "трактор"}, headers={"accept-language": "ru"}))

    assert again == first == in_russian == ["Трактор МТЗ-82"]


def test_publishing_or_blocking_shows_in_cached_searches_at_once(
    client, django_capture_on_commit_callbacks
):
    from listings import services

    listing = ListingFactory(title="Сеялка СЗ-5.4")
    assert titles(client.get(SEARCH, {"q": "сеялка"})) == ["Сеялка СЗ-5.4"]

    with django_capture_on_commit_callbacks(execute=True):
        services.listings_block(listings=Listing.objects.filter(pk=listing.pk), rule="lawful")

    assert titles(client.get(SEARCH, {"q": "сеялка"})) == []


def test_a_visitor_without_state_gets_the_shared_page_and_a_signed_in_one_never_does(
    client, django_assert_num_queries
):
    ListingFactory(title="Трактор МТЗ-82")
    client.get(SEARCH, {"q": "трактор"})

    with django_assert_num_queries(0):
        shared = client.get(SEARCH, {"q": "трактор"})
    member = Client()
    member.force_login(accept_policy(UserFactory()))
    signed_in = member.get(SEARCH, {"q": "трактор"}).content.decode()

    assert titles(shared) == ["Трактор МТЗ-82"]
    assert "Cookie" in shared["Vary"]  # a shared cache downstream must tell visitors apart
    assert "Sign out" not in shared.content.decode()
    assert "Sign out" in signed_in
    assert "Трактор МТЗ-82" in signed_in


def _frame_giving_state(monkeypatch, give) -> None:
    """Make rendering the page frame give the visitor state, as a form or a note would."""
    render_frame = search_page._page_response

    def frame(request, page):
        give(request)
        return render_frame(request, page)

    monkeypatch.setattr(search_page, "_page_response", frame)


def _remember(request):
    request.session["searched"] = True


@pytest.mark.parametrize(("give", "cookie"), [(get_token, "csrftoken"), (_remember, "sessionid")])
def test_a_page_whose_rendering_gave_state_is_never_shared(monkeypatch, give, cookie):
    ListingFactory(title="Трактор МТЗ-82")
    _frame_giving_state(monkeypatch, give)
    first = Client().get(SEARCH, {"q": "трактор"})

    second = Client().get(SEARCH, {"q": "трактор"})  # another visitor, no cookies either

    assert cookie in first.cookies
    assert cookie in second.cookies  # rendered for them, with their own state
    assert second.cookies[cookie].value != first.cookies[cookie].value


def test_the_shared_page_follows_the_visitors_cookie_choice(client):
    ListingFactory(title="Трактор МТЗ-82")
    undecided = client.get(SEARCH).content.decode()
    client.post("/cookies/accept/", {"cookie_groups": "analytics"})

    accepted = client.get(SEARCH).content.decode()

    assert 'id="analytics-snippet"' not in undecided
    assert 'id="analytics-snippet"' in accepted


def test_the_language_switch_needs_no_csrf_token():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/i18n/setlang/", {"language": "kk", "next": SEARCH})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "kk"
    assert "Іздеу" in browser.get(SEARCH).content.decode()
