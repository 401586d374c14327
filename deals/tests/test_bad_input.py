"""Bad input gets a clear message next to its field and changes nothing."""

from decimal import Decimal

import pytest

from deals import services
from deals.forms import TOTAL_TOO_LARGE
from deals.models import MAX_TOTAL, MAX_UNIT_PRICE, CounterOffer, Quote, QuoteRequest
from deals.services.quotes import PRICE_TOO_LARGE, QUOTE_NOT_LIVE, VALID_UNTIL_PAST, amount_limit
from deals.services.requests import NEEDED_BY_PAST
from deals.tests.conftest import client_of
from deals.tests.factories import RequestFactory, in_days, quote_on, quote_terms
from listings.tests.factories import leaf
from orders.services import QUANTITY_INVALID

pytestmark = pytest.mark.django_db


def _request_form(**overrides):
    return {
        "title": "Семена пшеницы",
        "description": "Акмола 2",
        "category": leaf("grain-seeds").pk,
        "quantity": "20",
        "unit": "tonne",
        "region": "kostanay",
        "needed_by": in_days(30).isoformat(),
        "audience": "matching",
        **overrides,
    }


def _quote_form(**overrides):
    terms = quote_terms()
    data = {name: str(value) for name, value in terms.items()}
    return {**data, **overrides}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("quantity", "0", QUANTITY_INVALID),
        ("quantity", "два", QUANTITY_INVALID),
        ("needed_by", in_days(-1).isoformat(), NEEDED_BY_PAST),
    ],
)
def test_a_bad_request_is_refused_at_its_field(client, buyer, steppe, field, value, message):
    client = client_of(type(client), buyer)

    response = client.post("/rfq/new/", _request_form(**{field: value}))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [str(message)]
    assert not QuoteRequest.objects.exists()


@pytest.fixture
def seller_page(client, buyer, steppe):
    request = RequestFactory(buyer=buyer)
    quote = quote_on(request, steppe)
    return client_of(type(client), steppe.owner), f"/seller/rfq/{request.public_id}/", quote


@pytest.mark.parametrize(
    ("field", "data", "message"),
    [
        ("valid_until", {"valid_until": in_days(-1).isoformat()}, VALID_UNTIL_PAST),
        (
            "price",
            {"price": "1000000000000"},
            amount_limit(PRICE_TOO_LARGE, MAX_UNIT_PRICE),
        ),
        (
            "price",
            {"price": "999999999999.99", "quantity": "1000"},
            amount_limit(TOTAL_TOO_LARGE, MAX_TOTAL),
        ),
        ("quantity", {"quantity": "0"}, QUANTITY_INVALID),
    ],
)
def test_a_bad_quote_is_refused_at_its_field_and_the_quote_stays(seller_page, field, data, message):
    client, url, quote = seller_page

    response = client.post(url, _quote_form(**data))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [str(message)]
    quote.refresh_from_db()
    assert (quote.revision, quote.price) == (1, Decimal("180000.00"))
    assert quote.revisions.count() == 1


def test_a_good_revision_through_the_page_is_kept(seller_page):
    client, url, quote = seller_page

    response = client.post(url, _quote_form(price="175000"))

    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.revision, quote.price) == (2, Decimal("175000.00"))


def test_a_counter_offer_on_an_accepted_quote_is_refused_and_changes_nothing(client, buyer, steppe):
    request = RequestFactory(buyer=buyer)
    quote = quote_on(request, steppe)
    Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.ACCEPTED)
    client = client_of(type(client), buyer)

    response = client.post(
        f"/rfq/{request.public_id}/quotes/{quote.pk}/counter/", {"price": "150000"}
    )

    assert response.status_code == 200
    expected = QUOTE_NOT_LIVE % {"status": Quote.Status.ACCEPTED.label}
    assert response.context["counter_form"].non_field_errors() == [str(expected)]
    assert not CounterOffer.objects.exists()
    quote.refresh_from_db()
    assert quote.is_accepted


def test_the_service_refuses_a_counter_offer_on_an_accepted_quote_too(buyer, steppe):
    quote = quote_on(RequestFactory(buyer=buyer), steppe)
    Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.ACCEPTED)

    with pytest.raises(services.DealError):
        services.counter_send(quote=quote, user=buyer, price=Decimal("1"))
    assert not CounterOffer.objects.exists()


def test_an_empty_counter_offer_asks_for_something(client, buyer, steppe):
    request = RequestFactory(buyer=buyer)
    quote = quote_on(request, steppe)
    client = client_of(type(client), buyer)

    response = client.post(f"/rfq/{request.public_id}/quotes/{quote.pk}/counter/", {})

    assert response.context["counter_form"].non_field_errors() == [
        str(services.quotes.COUNTER_EMPTY)
    ]
    assert not CounterOffer.objects.exists()
