"""The session cart: adding, changing, removing, grouping by seller, and flags."""

from decimal import Decimal

import pytest

from listings.models import Listing
from listings.tests.factories import ListingFactory
from orders import services
from orders.cart import MAX_QUANTITY
from portal.tests.helpers import messages_of

pytestmark = pytest.mark.django_db


def _cart(client):
    return client.get("/cart/").context["cart"]


def test_adding_a_listing_puts_it_in_the_cart_grouped_by_its_seller(client, listing, other_listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "3"})
    client.post(f"/cart/add/{other_listing.pk}/", {"quantity": "1"})

    cart = _cart(client)

    assert {g.company.pk for g in cart.groups} == {listing.company_id, other_listing.company_id}
    group = cart.group(listing.company_id)
    assert [(line.listing_id, line.quantity) for line in group.lines] == [(listing.pk, 3)]
    assert group.subtotal == Decimal("3000000")


def test_adding_the_same_listing_again_adds_to_its_quantity(client, listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "5"})

    assert _cart(client).group(listing.company_id).lines[0].quantity == 7


def test_the_header_counts_the_lines_in_the_cart(client, listing, other_listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    client.post(f"/cart/add/{other_listing.pk}/", {"quantity": "1"})

    response = client.get("/cart/")

    assert str(response.context["cart_count"]) == "2"
    assert '<span class="badge">2</span>' in response.content.decode()


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("abc", services.QUANTITY_INVALID),
        ("", services.QUANTITY_INVALID),
        ("-4", services.QUANTITY_INVALID),
        ("0", services.QUANTITY_INVALID),
        ("2.5", services.QUANTITY_INVALID),
        (str(MAX_QUANTITY + 1), services.QUANTITY_TOO_LARGE % {"max": MAX_QUANTITY}),
        ("99999999999999999999999", services.QUANTITY_TOO_LARGE % {"max": MAX_QUANTITY}),
    ],
)
def test_a_bad_quantity_is_refused_with_a_clear_message(client, listing, quantity, message):
    response = client.post(f"/cart/add/{listing.pk}/", {"quantity": quantity})

    assert response.status_code == 302
    assert response.url == listing.get_absolute_url()
    assert messages_of(response) == [str(message)]
    assert _cart(client).is_empty


def test_a_quantity_below_the_sellers_minimum_is_refused(client, listing):
    response = client.post(f"/cart/add/{listing.pk}/", {"quantity": "1"})

    expected = services.QUANTITY_BELOW_MINIMUM % {"min": 2, "unit": listing.unit_label}
    assert messages_of(response) == [str(expected)]
    assert _cart(client).is_empty


def test_a_listing_that_is_not_public_cannot_be_added(client, company):
    draft = ListingFactory(company=company, draft=True)

    response = client.post(f"/cart/add/{draft.pk}/", {"quantity": "1"})

    assert response.status_code == 404


def test_adding_by_get_is_not_allowed(client, listing):
    assert client.get(f"/cart/add/{listing.pk}/").status_code == 405


def test_a_seller_cannot_put_their_own_listing_in_the_cart(seller_client, listing):
    response = seller_client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})

    assert messages_of(response) == [str(services.OWN_LISTING)]
    assert _cart(seller_client).is_empty


def test_changing_the_quantity_keeps_the_line(client, listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})

    client.post(f"/cart/change/{listing.pk}/", {"quantity": "10"})

    assert _cart(client).group(listing.company_id).lines[0].quantity == 10


def test_changing_to_a_bad_quantity_keeps_the_old_one_and_says_why(client, listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "4"})

    response = client.post(f"/cart/change/{listing.pk}/", {"quantity": "1"})

    assert response.status_code == 302
    expected = services.QUANTITY_BELOW_MINIMUM % {"min": 2, "unit": listing.unit_label}
    assert messages_of(response)[-1] == str(expected)
    assert _cart(client).group(listing.company_id).lines[0].quantity == 4


def test_removing_takes_the_line_out(client, listing, other_listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    client.post(f"/cart/add/{other_listing.pk}/", {"quantity": "1"})

    client.post(f"/cart/remove/{listing.pk}/")

    cart = _cart(client)
    assert cart.group(listing.company_id) is None
    assert cart.group(other_listing.company_id) is not None


def test_a_price_change_since_adding_is_flagged(client, listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    Listing.objects.filter(pk=listing.pk).update(price=1_200_000)

    response = client.get("/cart/")

    line = response.context["cart"].group(listing.company_id).lines[0]
    assert line.price_changed
    assert line.added_price == Decimal("1000000")
    assert line.price == Decimal("1200000")
    assert "Price changed" in response.content.decode()


def test_an_unpublished_listing_is_flagged_and_left_out_of_the_subtotal(client, listing):
    kept = ListingFactory(company=listing.company, price=100)
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    client.post(f"/cart/add/{kept.pk}/", {"quantity": "1"})
    Listing.objects.filter(pk=listing.pk).update(status=Listing.Status.ARCHIVED)

    response = client.get("/cart/")

    group = response.context["cart"].group(listing.company_id)
    unavailable = [line.listing_id for line in group.lines if not line.available]
    assert unavailable == [listing.pk]
    assert group.subtotal == Decimal("100")
    assert "No longer available" in response.content.decode()


def test_a_seller_whose_account_is_closed_has_their_items_flagged(client, listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    listing.company.owner.is_active = False
    listing.company.owner.save()

    line = _cart(client).group(listing.company_id).lines[0]

    assert not line.available


def test_a_deleted_listing_is_shown_as_gone(client, listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    listing.delete()

    cart = _cart(client)

    assert [line.title for line in cart.gone] == ["Сеялка"]


def test_items_with_price_on_request_make_the_subtotal_incomplete(client, company):
    on_request = ListingFactory(company=company, on_request=True)
    client.post(f"/cart/add/{on_request.pk}/", {"quantity": "1"})

    group = _cart(client).group(company.pk)

    assert group.has_items_on_request
    assert group.subtotal == 0


def test_the_cart_survives_signing_in(client, listing, buyer):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    key_before = client.session.session_key

    client.force_login(buyer)

    assert client.session.session_key != key_before
    assert _cart(client).group(listing.company_id).lines[0].quantity == 2


def test_the_cart_page_runs_a_bounded_number_of_queries(
    client, company, django_assert_max_num_queries
):
    for listing in ListingFactory.create_batch(12, company=company):
        client.post(f"/cart/add/{listing.pk}/", {"quantity": "1"})
    for listing in ListingFactory.create_batch(5):
        client.post(f"/cart/add/{listing.pk}/", {"quantity": "1"})

    with django_assert_max_num_queries(6):
        response = client.get("/cart/")

    assert len(response.context["cart"].groups) == 6


def test_an_empty_cart_says_so(client):
    response = client.get("/cart/")

    assert response.status_code == 200
    assert "Your cart is empty." in response.content.decode()
