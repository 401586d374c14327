"""Nobody reaches another person's request, quote or conversation by editing a URL."""

from decimal import Decimal

import pytest

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from deals import services
from deals.tests.factories import RequestFactory, quote_on, sent_to
from listings.tests.factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(buyer, steppe, zerno):
    """A request sent to two sellers, each with a quote."""
    request = RequestFactory(buyer=buyer)
    return request, quote_on(request, steppe), quote_on(request, zerno, price=Decimal("191234"))


def test_a_buyer_cannot_open_another_buyers_request(client, deal):
    request, quote, _other = deal
    client.force_login(accept_policy(UserFactory()))
    base = f"/rfq/{request.public_id}/"

    assert client.get(base).status_code == 404
    assert client.get(f"{base}quotes/{quote.pk}/accept/").status_code == 404
    assert client.post(f"{base}quotes/{quote.pk}/decline/").status_code == 404
    assert client.post(f"{base}quotes/{quote.pk}/counter/", {"price": "1"}).status_code == 404
    assert client.post(f"{base}close/").status_code == 404
    request.refresh_from_db()
    assert request.is_open


def test_a_seller_cannot_open_a_request_not_sent_to_them(client, deal, faraway):
    request, _quote, _other = deal
    client.force_login(faraway.owner)

    assert client.get(f"/seller/rfq/{request.public_id}/").status_code == 404
    assert client.post(f"/seller/rfq/{request.public_id}/decline/").status_code == 404
    assert b"\xd0\xa1\xd0\xb5\xd0\xbc" not in client.get("/seller/rfq/").content  # "Сем…"


def test_a_seller_sees_only_their_own_quote_on_a_request(client, deal, steppe):
    request, _own, other = deal
    client.force_login(steppe.owner)

    response = client.get(f"/seller/rfq/{request.public_id}/")

    assert response.status_code == 200
    assert response.context["quote"].company == steppe
    assert "191234" not in response.content.decode()
    assert "191,234" not in response.content.decode()
    counter = services.counter_send(quote=other, user=request.buyer, terms="Быстрее")
    url = f"/seller/rfq/{request.public_id}/counters/{counter.pk}/"
    assert client.post(url, {"answer": "accept"}).status_code == 404
    counter.refresh_from_db()
    assert counter.is_pending


def test_a_buyer_cannot_open_a_quote_of_another_request_under_their_own(client, buyer, deal):
    _request, quote, _other = deal
    own = RequestFactory(buyer=buyer)
    client.force_login(buyer)

    assert client.get(f"/rfq/{own.public_id}/quotes/{quote.pk}/accept/").status_code == 404


def test_a_conversation_opens_for_its_buyer_and_its_seller_only(client, buyer, steppe, zerno):
    listing = ListingFactory(company=steppe)
    conversation = services.conversation_ask(user=buyer, listing=listing, body="Есть ли скидка?")

    client.force_login(accept_policy(UserFactory()))
    assert client.get(f"/account/messages/{conversation.pk}/").status_code == 404
    client.force_login(zerno.owner)
    assert client.get(f"/seller/messages/{conversation.pk}/").status_code == 404
    post = client.post(f"/seller/messages/{conversation.pk}/", {"body": "Нет"})
    assert post.status_code == 404
    client.force_login(steppe.owner)
    assert client.get(f"/seller/messages/{conversation.pk}/").status_code == 200
    client.force_login(buyer)
    assert client.get(f"/account/messages/{conversation.pk}/").status_code == 200


def test_a_buyer_without_a_company_is_told_how_to_become_a_seller(client, buyer):
    client.force_login(buyer)
    assert client.get("/seller/rfq/").status_code == 403


def test_a_guest_asking_a_question_is_sent_to_sign_in_and_back(client):
    listing = ListingFactory(company=CompanyFactory())

    response = client.get(f"/listings/{listing.pk}/ask/")

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/listings/{listing.pk}/ask/"


def test_sent_to_helper_makes_recipients(buyer, steppe):
    request = RequestFactory(buyer=buyer)
    sent_to(request, steppe)
    assert request.recipients.get().company == steppe
