"""Checkout input that used to answer 500, and orders nobody should be able to place."""

from decimal import Decimal

import pytest

from listings.tests.factories import ListingFactory
from orders import selectors, services, views
from orders.cart import MAX_TOTAL
from orders.models import Order
from orders.tests.conftest import checkout_token, send_order
from portal.tests.helpers import messages_of

pytestmark = pytest.mark.django_db

# The largest price a listing can have (14 digits, 2 of them after the point).
TOP_PRICE = Decimal("999999999999.99")


def _messages(response) -> list[str]:
    """Return the messages this response adds (an earlier page's are not yet shown)."""
    return messages_of(response)[-1:]


def test_the_largest_order_the_columns_hold():
    assert Decimal("99999999999999.99") == MAX_TOTAL  # Order.subtotal: 16 digits, 2 decimals


# --- The checkout token -------------------------------------------------------------------


@pytest.mark.parametrize("token", ["abc\x00def", "\x00", "x" * 5000, "токен", "a b"])
def test_a_crafted_checkout_token_gets_a_fresh_form_not_a_server_error(
    client, listing, order_form, token
):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})

    response = client.post(
        f"/cart/checkout/{listing.company_id}/", {**order_form, "checkout_token": token}
    )

    assert response.status_code == 200
    assert _messages(response) == [str(views.FORM_EXPIRED)]
    fresh = response.context["form"]["checkout_token"].value()
    assert fresh != token
    assert selectors.checkout_token_valid(fresh)
    assert not Order.objects.exists()


def test_the_form_sent_again_with_its_fresh_token_places_the_order(client, listing, order_form):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    url = f"/cart/checkout/{listing.company_id}/"
    response = client.post(url, {**order_form, "checkout_token": "bad\x00"})

    response = send_order(
        client,
        listing.company,
        order_form,
        token=response.context["form"]["checkout_token"].value(),
    )

    assert response.status_code == 302
    assert Order.objects.count() == 1


# --- Totals past the columns --------------------------------------------------------------


def test_an_order_whose_sum_the_column_cannot_hold_is_refused_with_a_message(
    client, company, order_form
):
    # Two lines, each within range, whose sum is not: 2 × 90 × 999,999,999,999.99 ₸.
    first, second = (ListingFactory(company=company, price=TOP_PRICE) for _n in range(2))
    for listing in (first, second):
        response = client.post(f"/cart/add/{listing.pk}/", {"quantity": "90"})
        assert response.url == "/cart/", _messages(response)

    response = send_order(client, company, order_form)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(services.ORDER_TOO_LARGE)]
    assert not Order.objects.exists()
    assert len(client.get("/cart/").context["cart"].group(company.pk).lines) == 2  # kept


def test_a_line_whose_sum_the_column_cannot_hold_is_refused_at_add_to_cart(client, company):
    listing = ListingFactory(company=company, price=TOP_PRICE)

    response = client.post(f"/cart/add/{listing.pk}/", {"quantity": "1000"})

    assert _messages(response) == [str(services.LINE_TOO_LARGE)]
    assert client.get("/cart/").context["cart"].is_empty


def test_a_change_of_quantity_past_the_column_is_refused_and_the_old_one_kept(client, company):
    listing = ListingFactory(company=company, price=TOP_PRICE)
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "10"})

    response = client.post(f"/cart/change/{listing.pk}/", {"quantity": "1000"})

    assert _messages(response) == [str(services.LINE_TOO_LARGE)]
    assert client.get("/cart/").context["cart"].group(company.pk).lines[0].quantity == 10


# --- A seller's own company ---------------------------------------------------------------


@pytest.fixture
def seller_with_own_items_in_cart(client, seller, listing):
    """A seller who filled the cart as a guest, then signed in: the cart stays."""
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    client.force_login(seller)
    return client


def test_a_seller_cannot_send_an_order_to_their_own_company(
    seller_with_own_items_in_cart, company, order_form
):
    client = seller_with_own_items_in_cart
    token = services.checkout_token_new()

    response = client.post(f"/cart/checkout/{company.pk}/", {**order_form, "checkout_token": token})

    assert response.status_code == 302
    assert response.url == "/cart/"
    assert _messages(response) == [str(services.OWN_COMPANY)]
    assert not Order.objects.exists()


def test_a_seller_opening_the_checkout_of_their_own_company_is_sent_back_to_the_cart(
    seller_with_own_items_in_cart, company
):
    response = seller_with_own_items_in_cart.get(f"/cart/checkout/{company.pk}/")

    assert response.status_code == 302
    assert response.url == "/cart/"
    assert _messages(response) == [str(services.OWN_COMPANY)]


def test_the_service_refuses_an_order_to_the_buyers_own_company(seller, listing, order_form):
    class Session(dict):
        modified = False

    from orders.cart import Cart

    cart = Cart(Session())
    cart.set(listing=listing, quantity=2)

    with pytest.raises(services.OrderError) as error:
        services.order_place(
            cart=cart, company=listing.company, user=seller, checkout_token="t",
            **{**order_form, "phone": "+77012345678"},
        )  # fmt: skip

    assert error.value.message == services.OWN_COMPANY


def test_another_seller_still_orders_from_this_one(client, listing, order_form):
    from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy

    other_seller = CompanyFactory(owner=accept_policy(UserFactory())).owner
    client.force_login(other_seller)
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})

    response = send_order(
        client, listing.company, order_form, token=checkout_token(client, listing.company)
    )

    assert response.status_code == 302
    assert Order.objects.get().buyer == other_seller
