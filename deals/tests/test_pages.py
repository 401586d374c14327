"""Lists in bounded queries, the inbox with its unread counts, the seller's desk counts
and responsiveness, and what a seller sees of a buyer (recorded in the disclosure ledger)."""

import datetime as dt
from decimal import Decimal

import pytest

from accounts.regions import Region
from accounts.tests.factories import CompanyFactory
from deals import services
from deals.tests.conftest import client_of
from deals.tests.factories import RequestFactory, quote_on
from listings.tests.factories import ListingFactory
from orders.models import OrderMessage
from orders.tests.factories import OrderFactory, OrderMessageFactory
from privacy.models import DisclosureEvent

pytestmark = pytest.mark.django_db


def _sellers(n):
    return [CompanyFactory(region=Region.KOSTANAY) for _ in range(n)]


def _comparison(client, buyer, sellers):
    request = RequestFactory(buyer=buyer)
    for n, company in enumerate(sellers):
        quote = quote_on(request, company, price=Decimal(170_000 + n))
        services.counter_send(quote=quote, user=buyer, terms="Быстрее")
    return client.get(f"/rfq/{request.public_id}/")


@pytest.mark.parametrize("quotes", [1, 8])
def test_the_comparison_page_runs_bounded_queries(
    client, buyer, quotes, django_assert_max_num_queries
):
    client = client_of(type(client), buyer)
    sellers = _sellers(quotes)
    request = RequestFactory(buyer=buyer)
    for n, company in enumerate(sellers):
        quote_on(request, company, price=Decimal(170_000 + n))

    with django_assert_max_num_queries(18):
        response = client.get(f"/rfq/{request.public_id}/")

    assert response.status_code == 200
    assert len(response.context["quotes"]) == quotes
    assert response.context["quotes"][0].price == Decimal(170_000)  # cheapest first


@pytest.mark.parametrize("requests", [1, 8])
def test_the_sellers_request_list_runs_bounded_queries(
    client, steppe, requests, django_assert_max_num_queries
):
    for _ in range(requests):
        request = RequestFactory()
        quote_on(request, steppe)
        quote_on(request, CompanyFactory())
    client = client_of(type(client), steppe.owner)

    with django_assert_max_num_queries(18):
        response = client.get("/seller/rfq/")

    assert len(response.context["page"].object_list) == requests


def test_the_inbox_holds_conversations_and_order_messages_newest_first(client, buyer, steppe):
    order = OrderFactory(buyer=buyer, company=steppe, email=buyer.email)
    OrderMessageFactory(order=order, side=OrderMessage.Side.SELLER, body="Отгрузили")
    listing = ListingFactory(company=steppe, title="Сеялка СЗ-5.4")
    conversation = services.conversation_ask(user=buyer, listing=listing, body="Есть в наличии?")
    services.message_send(conversation=conversation, side="seller", author=steppe.owner, body="Да")
    client = client_of(type(client), buyer)

    response = client.get("/account/messages/")

    items = response.context["items"]
    assert [(i.title, i.unread) for i in items] == [("Сеялка СЗ-5.4", 1), (order.number, 1)]
    assert '<span class="badge" title="Unread messages">2' in response.content.decode()


def test_reading_a_conversation_clears_its_unread_count_in_the_header(
    client, buyer, steppe, django_capture_on_commit_callbacks
):
    conversation = services.conversation_ask(
        user=buyer, listing=ListingFactory(company=steppe), body="?"
    )
    seller = client_of(type(client), steppe.owner)
    assert "Unread messages" in seller.get("/seller/messages/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        seller.get(f"/seller/messages/{conversation.pk}/")

    assert "Unread messages" not in seller.get("/seller/messages/").content.decode()


def test_the_seller_desk_counts_new_requests_and_unanswered_questions(client, buyer, steppe):
    request = RequestFactory(buyer=buyer)
    quote_on(request, steppe)
    services.conversation_ask(user=buyer, listing=ListingFactory(company=steppe), body="?")
    client = client_of(type(client), steppe.owner)

    html = client.get("/seller/orders/").content.decode()

    assert 'Requests for quotation <span class="badge">1<' in html
    assert 'Messages <span class="badge">1<' in html


def test_opening_a_request_is_recorded_without_the_buyers_contacts(client, buyer, steppe):
    request = RequestFactory(buyer=buyer)
    quote_on(request, steppe)
    client = client_of(type(client), steppe.owner)

    html = client.get(f"/seller/rfq/{request.public_id}/").content.decode()

    assert buyer.email not in html
    assert buyer.last_name not in html
    assert "ТОО «Жана Астык»" in html
    event = DisclosureEvent.objects.get(subject=buyer)
    assert event.fields == ["region", "buyer_organization"]


def test_the_sellers_public_page_shows_their_response_rate(client, buyer, steppe):
    for _ in range(3):
        quote_on(RequestFactory(buyer=buyer), steppe)  # answered
    services.requests.Recipient.objects.create(request=RequestFactory(buyer=buyer), company=steppe)
    services.requests.Recipient.objects.filter(company=steppe).update(responded_at=None)
    for recipient in steppe.rfq_received.all()[:3]:
        services.requests.Recipient.objects.filter(pk=recipient.pk).update(
            responded_at=recipient.created_at + dt.timedelta(hours=2)
        )

    html = client.get(f"/sellers/{steppe.pk}/").content.decode()

    assert "Answers 75% of requests and questions · usually within 2.0 h" in html


def test_a_request_from_a_price_on_request_listing_goes_to_its_seller(client, buyer, steppe):
    listing = ListingFactory(company=steppe, on_request=True, title="Семена ячменя")
    client = client_of(type(client), buyer)
    assert "Request a price" in client.get(f"/listings/{listing.pk}/").content.decode()

    form = client.get(f"/rfq/new/?listing={listing.pk}").context["form"]

    assert form.initial["sellers"] == [steppe.pk]
    assert form.initial["title"] == "Семена ячменя"
