"""The order form and `order_place`: one order per seller, sent once, with its consent."""

import re
import uuid
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from listings.models import Listing
from listings.tests.factories import ListingFactory
from orders import services
from orders.models import Order, OrderEvent, SellerOption
from orders.tests.conftest import checkout_token, send_order
from portal.tests.helpers import messages_of
from privacy.hashing import email_hash
from privacy.models import ConsentEvent

pytestmark = pytest.mark.django_db


def test_a_guest_sends_an_order_to_one_seller_and_the_other_stays_in_the_cart(
    client, company, two_sellers_in_cart, order_form
):
    listing, other_listing = two_sellers_in_cart

    response = send_order(client, company, order_form)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == f"/orders/{order.public_id}/"
    assert order.company == company
    assert order.buyer is None
    assert order.status == Order.Status.NEW
    cart = client.get("/cart/").context["cart"]
    assert cart.group(company.pk) is None
    assert cart.group(other_listing.company_id) is not None


def test_the_order_copies_the_lines_and_the_contact_data(
    client, company, two_sellers_in_cart, order_form
):
    listing, _other = two_sellers_in_cart

    send_order(client, company, order_form)
    Listing.objects.filter(pk=listing.pk).update(title="Renamed", price=1)

    order = Order.objects.get()
    item = order.items.get()
    assert (item.title, item.price, item.quantity, item.unit) == (
        "Сеялка", Decimal("1000000.00"), 3, listing.unit,
    )  # fmt: skip
    assert item.listing == listing
    assert order.subtotal == Decimal("3000000.00")
    assert order.total == Decimal("3000000.00")
    assert order.full_name == "Ахметов Ерлан Серикович"
    assert order.organization == "КХ «Береке»"
    assert order.email == "erlan.akhmetov@example.kz"  # normalised, so that erasure finds it
    assert str(order.phone) == "+77012345678"
    assert order.comment == "Нужна доставка до конца месяца."
    assert (order.shipping_method, order.payment_method) == ("pickup", "bank_transfer")


def test_the_order_keeps_its_lines_when_the_listing_is_deleted(
    client, company, two_sellers_in_cart, order_form
):
    listing, _other = two_sellers_in_cart
    send_order(client, company, order_form)

    listing.delete()

    item = Order.objects.get().items.get()
    assert item.listing is None
    assert item.title == "Сеялка"


def test_sending_records_the_guests_consent_with_the_exact_statement(
    client, company, two_sellers_in_cart, order_form
):
    response = send_order(client, company, order_form, token=None)

    assert response.status_code == 302
    event = ConsentEvent.objects.get(channel=ConsentEvent.Channel.CHECKOUT)
    assert event.purpose.code == "orders"
    assert event.granted
    assert event.user is None
    assert event.subject_hash == email_hash("erlan.akhmetov@example.kz")
    assert event.text_shown == str(services.CHECKOUT_CONSENT_TEXT)
    assert event.ip_truncated == "127.0.0.0"


def test_the_form_shows_the_consent_statement_with_the_policy_link_and_the_price_note(
    client, company, two_sellers_in_cart
):
    page = client.get(f"/cart/checkout/{company.pk}/").content.decode()

    assert str(services.CHECKOUT_CONSENT_TEXT) in page
    assert 'href="/privacy/policy/"' in page
    assert "Check the final cost and conditions with the seller." in page
    assert 'maxlength="512"' in page
    assert 'data-counter="comment-counter"' in page
    assert 'id="comment-counter"' in page


def test_the_form_offers_only_the_sellers_enabled_options(client, company, two_sellers_in_cart):
    form = client.get(f"/cart/checkout/{company.pk}/").context["form"]

    assert [v for v, _ in form.fields["shipping_method"].choices] == [
        "pickup",
        "transport_company",
    ]
    assert [v for v, _ in form.fields["payment_method"].choices] == ["bank_transfer"]
    assert form.fields["payment_method"].initial == "bank_transfer"


def test_a_signed_in_buyer_finds_the_form_filled_from_the_profile(
    buyer_client, buyer, company, listing
):
    buyer_client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})

    form = buyer_client.get(f"/cart/checkout/{company.pk}/").context["form"]

    assert form["full_name"].value() == f"{buyer.last_name} {buyer.first_name}"
    assert form["email"].value() == buyer.email
    assert str(form["phone"].value()) == str(buyer.phone)
    assert form["address"].value() == "Кокшетау, ул. Абая, 12"


def test_a_signed_in_buyers_order_and_consent_are_theirs(
    buyer_client, buyer, company, listing, order_form
):
    buyer_client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})

    send_order(buyer_client, company, order_form)

    order = Order.objects.get()
    assert order.buyer == buyer
    event = ConsentEvent.objects.get(channel=ConsentEvent.Channel.CHECKOUT)
    assert event.user == buyer
    assert event.subject_hash == ""
    buyer.refresh_from_db()
    assert buyer.last_interaction_at is not None


def test_placing_an_order_writes_its_first_history_event(
    buyer_client, buyer, company, listing, order_form
):
    buyer_client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})

    send_order(buyer_client, company, order_form)

    event = OrderEvent.objects.get()
    assert (event.status, event.actor, event.actor_label) == ("new", buyer, "Buyer")


def test_two_identical_posts_of_the_same_form_create_one_order(
    client, company, two_sellers_in_cart, order_form
):
    token = checkout_token(client, company)

    first = send_order(client, company, order_form, token=token)
    second = send_order(client, company, order_form, token=token)

    order = Order.objects.get()
    assert first.url == second.url == order.get_absolute_url()
    assert ConsentEvent.objects.filter(channel="checkout").count() == 1
    last_message = list(get_messages(second.wsgi_request))[-1]
    assert str(last_message) == "This order was already sent: here it is."


def test_the_service_returns_the_first_order_for_a_repeated_token(
    client, company, two_sellers_in_cart, order_form
):
    token = checkout_token(client, company)
    send_order(client, company, order_form, token=token)

    placed = services.order_place(
        cart=None, company=company, user=None, checkout_token=token, **{
            **order_form, "phone": "+77012345678",
        },
    )  # fmt: skip

    assert not placed.created
    assert placed.order == Order.objects.get()


def test_each_checkout_page_renders_a_new_token(client, company, two_sellers_in_cart):
    assert checkout_token(client, company) != checkout_token(client, company)


def test_an_empty_cart_for_the_seller_gets_a_clear_message_and_no_order(
    client, company, order_form
):
    response = client.post(
        f"/cart/checkout/{company.pk}/", {**order_form, "checkout_token": "t" * 43}
    )

    assert response.status_code == 302
    assert response.url == "/cart/"
    messages = messages_of(response)
    assert messages == [str(services.CART_EMPTY_FOR_SELLER)]
    assert not Order.objects.exists()


def test_the_checkout_page_of_an_empty_cart_sends_back_to_the_cart(client, company):
    response = client.get(f"/cart/checkout/{company.pk}/")

    assert response.status_code == 302
    assert response.url == "/cart/"


def test_the_service_refuses_an_empty_cart(company, order_form):
    from orders.cart import Cart

    with pytest.raises(services.OrderError) as refused:
        services.order_place(
            cart=Cart(_Session()), company=company, user=None, checkout_token="x",
            **{**order_form, "phone": "+77012345678"},
        )  # fmt: skip

    assert refused.value.message == services.CART_EMPTY_FOR_SELLER
    assert not Order.objects.exists()


class _Session(dict):
    modified = False


def test_an_item_unpublished_since_adding_blocks_the_order_with_a_message(
    client, company, two_sellers_in_cart, order_form
):
    listing, _other = two_sellers_in_cart
    Listing.objects.filter(pk=listing.pk).update(status=Listing.Status.ARCHIVED)

    response = send_order(client, company, order_form)

    assert [str(e) for e in response.context["form"].non_field_errors()] == [
        str(services.CART_ITEMS_UNAVAILABLE)
    ]
    assert not Order.objects.exists()


def test_the_order_uses_the_current_price(client, company, two_sellers_in_cart, order_form):
    listing, _other = two_sellers_in_cart
    Listing.objects.filter(pk=listing.pk).update(price=900_000)

    send_order(client, company, order_form)

    assert Order.objects.get().items.get().price == Decimal("900000.00")


def test_items_with_price_on_request_make_the_total_to_be_confirmed(
    client, company, listing, order_form
):
    on_request = ListingFactory(company=company, on_request=True, title="Элеватор")
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
    client.post(f"/cart/add/{on_request.pk}/", {"quantity": "1"})

    response = send_order(client, company, order_form)

    order = Order.objects.get()
    assert order.has_items_on_request
    assert order.subtotal == Decimal("2000000.00")
    assert order.total is None
    assert "to be confirmed by the seller" in client.get(response.url).content.decode()


def test_order_numbers_count_up_within_the_year(client, company, listing, order_form):
    year = timezone.localdate().year
    for _n in range(3):
        client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})
        send_order(client, company, order_form)

    numbers = sorted(Order.objects.values_list("number", flat=True))

    assert numbers == [f"{year}-000001", f"{year}-000002", f"{year}-000003"]


def test_the_public_id_is_a_random_uuid(client, company, two_sellers_in_cart, order_form):
    send_order(client, company, order_form)

    public_id = Order.objects.get().public_id

    assert isinstance(public_id, uuid.UUID)
    assert public_id.version == 4


def test_text_the_buyer_wrote_is_escaped_on_the_order_page(
    client, company, two_sellers_in_cart, order_form
):
    evil = '<script>alert("x")</script>'
    response = send_order(
        client, company, {**order_form, "comment": evil, "organization": f"<b>{evil}</b>"}
    )

    page = client.get(response.url).content.decode()

    assert evil not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_seller_with_one_payment_option_gets_it_preselected(client, company, two_sellers_in_cart):
    services.seller_options_ensure(company=company)
    SellerOption.objects.filter(company=company, kind="shipping", method="pickup").update(
        conditions="Склад в Кокшетау"
    )

    page = client.get(f"/cart/checkout/{company.pk}/").content.decode()

    assert re.search(r'value="bank_transfer"[^>]*checked', page)
    assert "Склад в Кокшетау" in page


def test_a_form_without_its_token_is_refused_and_given_a_new_one(
    client, company, two_sellers_in_cart, order_form
):
    response = client.post(f"/cart/checkout/{company.pk}/", order_form)

    assert response.status_code == 200
    assert not Order.objects.exists()
    messages = messages_of(response)
    assert messages[-1] == "The form has expired. Please check it and send it again."
    token = response.context["form"]["checkout_token"].value()
    assert len(token) == 43
    assert response.context["form"]["full_name"].value() == order_form["full_name"]

    send_order(client, company, order_form, token=token)

    assert Order.objects.count() == 1
