"""Nobody reaches another person's order by changing an id or a link in a URL."""

import uuid

import pytest

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def test_a_guest_order_opens_by_its_secret_link(client):
    order = OrderFactory()

    response = client.get(f"/orders/{order.public_id}/")

    assert response.status_code == 200
    assert response.context["order"] == order


def test_a_guest_link_for_one_order_does_not_open_another(client):
    mine, theirs = OrderFactory(), OrderFactory()

    response = client.get(f"/orders/{mine.public_id}/")
    assert theirs.number not in response.content.decode()
    assert client.get(f"/orders/{uuid.uuid4()}/").status_code == 404
    assert client.get(f"/orders/{mine.pk}/").status_code == 404
    assert client.get(f"/orders/{mine.number}/").status_code == 404


def test_an_order_of_a_signed_in_buyer_opens_only_for_that_buyer(client, buyer):
    order = OrderFactory(buyer=buyer, email=buyer.email)
    stranger = accept_policy(UserFactory())

    assert client.get(f"/orders/{order.public_id}/").status_code == 404
    client.force_login(stranger)
    assert client.get(f"/orders/{order.public_id}/").status_code == 404
    assert client.post(f"/orders/{order.public_id}/messages/", {"body": "Hi"}).status_code == 404
    client.force_login(buyer)
    assert client.get(f"/orders/{order.public_id}/").status_code == 200


def test_a_buyers_order_list_shows_only_their_orders(buyer_client, buyer):
    mine = OrderFactory(buyer=buyer)
    other = OrderFactory(buyer=accept_policy(UserFactory()))
    guest_with_my_email = OrderFactory(email=buyer.email)

    page = buyer_client.get("/account/orders/").content.decode()

    assert mine.number in page
    assert other.number not in page
    assert guest_with_my_email.number not in page


def test_a_seller_cannot_open_another_sellers_order(seller_client):
    theirs = OrderFactory(company=CompanyFactory())

    assert seller_client.get(f"/seller/orders/{theirs.pk}/").status_code == 404
    status = seller_client.post(
        f"/seller/orders/{theirs.pk}/status/", {"action": "confirm", "final_total": "1"}
    )
    assert status.status_code == 404
    message = seller_client.post(f"/seller/orders/{theirs.pk}/messages/", {"body": "Hi"})
    assert message.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "new"
    assert not theirs.messages.exists()


def test_another_sellers_orders_are_not_in_the_desk(seller_client, company):
    mine = OrderFactory(company=company)
    theirs = OrderFactory(company=CompanyFactory())

    page = seller_client.get("/seller/orders/").content.decode()

    assert mine.number in page
    assert theirs.number not in page


def test_the_desk_is_for_sellers_only(client, buyer):
    assert client.get("/seller/orders/").status_code == 302  # to sign in
    client.force_login(buyer)
    assert client.get("/seller/orders/").status_code == 403
    assert client.get("/seller/settings/").status_code == 403


def test_my_orders_needs_signing_in(client):
    response = client.get("/account/orders/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/cart/checkout/99999999999999999999999/",
        "/seller/orders/99999999999999999999999/",
        "/orders/not-a-uuid/",
    ],
)
def test_ids_out_of_range_or_malformed_are_not_found(seller_client, url):
    assert seller_client.get(url).status_code == 404


def test_adding_a_listing_id_out_of_range_is_not_found(client):
    assert client.post("/cart/add/99999999999999999999999/", {"quantity": "1"}).status_code == 404
