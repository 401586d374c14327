"""Query-string values of the search page that no person types: each gets a message or is
ignored, the page answers 200, and none reaches a parser unbounded."""

import pytest

from listings.forms import (
    QUERY_VALUE_MAX_LENGTH,
    SEARCH_INVALID_CATEGORY,
    SEARCH_INVALID_SELLER,
    SEARCH_PRICE_INVALID,
    SearchForm,
)
from listings.selectors import category_tree
from listings.tests.factories import ListingFactory, leaf

pytestmark = pytest.mark.django_db

SEARCH = "/listings/"
BIGINT_MAX = 2**63 - 1


def _page(client, query):
    response = client.get(SEARCH, query)
    assert response.status_code == 200
    return response, response.content.decode()


@pytest.mark.parametrize("sort", ["", "newest", "price_asc", "price_desc", "relevance"])
@pytest.mark.parametrize(
    "seller", [str(BIGINT_MAX + 1), "9" * 40, "9" * 5000, "²", "１２", "-1", "x"]
)
def test_a_seller_id_no_seller_can_have_shows_every_seller_with_a_message(client, sort, seller):
    ListingFactory(title="Трактор", category=leaf("tractors"))
    query = {"seller": seller, "sort": sort, "category": leaf("tractors").parent_id}

    response, body = _page(client, query)

    assert response.context["params"].seller_id is None
    assert str(SEARCH_INVALID_SELLER) in body
    assert "Трактор" in body


def test_the_largest_possible_seller_id_is_a_seller_with_no_listings(client):
    ListingFactory(title="Трактор")

    response, body = _page(client, {"seller": str(BIGINT_MAX)})

    assert response.context["params"].seller_id == BIGINT_MAX
    assert str(SEARCH_INVALID_SELLER) not in body
    assert "Трактор" not in body


@pytest.mark.parametrize(
    "price", ["9" * 15, "9" * 5000, "1e999999", "0." + "1" * 300, "1" * 13 + ".123"]
)
def test_a_price_beyond_any_listing_is_ignored_with_the_price_message(client, price):
    ListingFactory(title="Трактор", price=5_000_000)

    response, body = _page(client, {"price_min": price})

    assert response.context["params"].price_min is None
    assert response.context["form"].errors["price_min"] == [str(SEARCH_PRICE_INVALID)]
    assert "Трактор" in body


@pytest.mark.parametrize("category", ["9" * 5000, "²", "abc"])
def test_a_category_no_category_can_have_shows_all_with_the_category_message(client, category):
    ListingFactory(title="Трактор")

    response, body = _page(client, {"category": category})

    assert response.context["params"].category is None
    assert str(SEARCH_INVALID_CATEGORY) in body


@pytest.mark.parametrize("page", ["9" * 5000, "9" * 30, "²"])
def test_a_page_number_no_page_can_have_shows_a_page(client, page):
    ListingFactory(title="Трактор")

    response, body = _page(client, {"page": page})

    assert "Трактор" in body


@pytest.mark.parametrize("name", ["category", "seller", "page", "price_min", "price_max"])
def test_every_value_over_the_bound_is_refused_before_it_is_parsed(name):
    form = SearchForm({name: "1" * (QUERY_VALUE_MAX_LENGTH + 1)}, tree=category_tree())

    params = form.params()

    assert name in form.errors
    assert form.errors[name][0] == form.fields[name].error_messages["invalid"]
    assert getattr(params, {"seller": "seller_id"}.get(name, name)) in (None, 1)


@pytest.mark.parametrize("url", ["/seller/listings/", "/seller/orders/", "/account/orders/"])
@pytest.mark.parametrize("page", ["9" * 5000, "9" * 40, "²", "-1"])
def test_desk_and_account_pages_take_any_page_number(client, url, page):
    from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy

    client.force_login(CompanyFactory(owner=accept_policy(UserFactory())).owner)

    response = client.get(url, {"page": page, "status": "x" * 5000})

    assert response.status_code == 200
