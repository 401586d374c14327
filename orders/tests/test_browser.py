"""Journeys of a guest buyer and a seller through the cart, the order and its messages."""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings.tests.factories import ListingFactory
from orders.models import Order
from portal.tests.helpers import decline_optional_cookies
from privacy.models import DisclosureEvent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def sellers():
    steppe = CompanyFactory(name="ТОО «Степь Агро»", owner=accept_policy(UserFactory()))
    metal = CompanyFactory(name="ТОО «Металл Опт»")
    seeder = ListingFactory(company=steppe, title="Сеялка СЗ-5.4", price=2_400_000)
    rebar = ListingFactory(
        company=metal, title="Арматура А500С", price=310_000, unit="tonne", min_order_quantity=5
    )
    return steppe, metal, seeder, rebar


@pytest.fixture
def seller_page(signed_in_page, sellers):
    steppe = sellers[0]
    return signed_in_page(steppe.owner)


def _add_to_cart(page, listing, quantity):
    page.goto(f"/listings/{listing.pk}/")
    page.locator("#cart-quantity").fill(str(quantity))
    page.get_by_role("button", name="Add to cart").click()
    expect(page).to_have_url(re.compile(r"/cart/$"))


def _guest_orders_from_steppe(page, sellers):
    steppe, metal, seeder, rebar = sellers
    page.goto("/")
    decline_optional_cookies(page)
    _add_to_cart(page, seeder, 2)
    _add_to_cart(page, rebar, 5)
    expect(page.locator(".cart-link .badge")).to_have_text("2")
    expect(page.locator(".cart-group")).to_have_count(2)

    page.get_by_role("link", name="Order from ТОО «Степь Агро»").click()
    page.get_by_label("Full name").fill("Ахметов Ерлан Серикович")
    page.get_by_label("Organization").fill("КХ «Береке»")
    page.get_by_label("E-mail").fill("erlan@example.kz")
    page.get_by_label("Phone").fill("+7 701 234 5678")
    page.get_by_label("Delivery address").fill("Кокшетау, ул. Абая, 12")
    page.get_by_label("Comment to the seller").fill("Доставка до пятницы")
    expect(page.locator("#comment-counter")).to_have_text("19 / 512")
    page.get_by_label("Transport company").check()
    expect(page.get_by_text("Check the final cost and conditions with the seller")).to_be_visible()
    page.get_by_role("button", name="Send the order").click()

    expect(page).to_have_url(re.compile(r"/orders/[0-9a-f-]{36}/$"))
    expect(page.get_by_test_id("order-status")).to_have_text("New")
    return Order.objects.get()


def test_a_guest_orders_from_one_seller_and_the_other_stays_in_the_cart(page, sellers):
    steppe, metal, _seeder, rebar = sellers

    order = _guest_orders_from_steppe(page, sellers)

    assert order.company == steppe
    assert order.shipping_method == "transport_company"
    expect(page.locator(".message-success")).to_contain_text(order.number)
    page.goto("/cart/")
    expect(page.locator(".cart-group")).to_have_count(1)
    expect(page.get_by_role("heading", name="ТОО «Металл Опт»")).to_be_visible()
    expect(page.get_by_role("link", name="Арматура А500С")).to_be_visible()
    assert page.errors == []


def test_the_checkout_form_shows_errors_at_the_fields_and_keeps_the_input(page, sellers):
    _steppe, _metal, seeder, _rebar = sellers
    page.goto("/")
    decline_optional_cookies(page)
    _add_to_cart(page, seeder, 1)
    page.get_by_role("link", name="Order from ТОО «Степь Агро»").click()
    page.get_by_label("Full name").fill("Ахметов Ерлан")
    page.get_by_label("E-mail").fill("erlan.example.kz")
    page.get_by_role("button", name="Send the order").click()

    expect(page.locator("#id_email + ul.errorlist, .field-error .errorlist").first).to_be_visible()
    expect(page.get_by_text("Enter a valid e-mail address")).to_be_visible()
    expect(page.get_by_text("Enter a phone number where the seller can reach you.")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Ахметов Ерлан")
    assert not Order.objects.exists()
    assert page.errors == []


def test_the_seller_confirms_and_both_sides_talk_on_the_order(page, seller_page, sellers):
    steppe = sellers[0]
    order = _guest_orders_from_steppe(page, sellers)
    buyer_url = page.url

    seller_page.goto("/seller/orders/")
    seller_page.get_by_role("link", name=order.number).click()
    expect(seller_page.get_by_text("Ахметов Ерлан Серикович")).to_be_visible()
    assert DisclosureEvent.objects.filter(actor=steppe.owner).count() == 1
    seller_page.get_by_label("Final total, ₸").fill("4850000")
    seller_page.get_by_role("button", name="Confirm the order").click()
    expect(seller_page.get_by_test_id("order-status")).to_have_text("Confirmed")
    reply = "Отгрузим в пятницу. <b>Счёт</b> на почте."
    seller_page.get_by_role("textbox", name="Message", exact=True).fill(reply)
    seller_page.get_by_role("button", name="Send message").click()
    expect(seller_page.locator(".thread-message")).to_have_count(1)

    page.goto(buyer_url)
    expect(page.get_by_test_id("order-status")).to_have_text("Confirmed")
    expect(page.get_by_test_id("order-total")).to_contain_text("4,850,000")
    expect(page.locator(".thread-body")).to_have_text(reply)
    page.get_by_role("textbox", name="Message", exact=True).fill("Спасибо, ждём.")
    page.get_by_role("button", name="Send message").click()
    expect(page.locator(".thread-message")).to_have_count(2)

    seller_page.goto("/seller/orders/")
    expect(seller_page.locator(".header-nav .badge")).to_have_text(re.compile(r"^1"))
    seller_page.get_by_role("link", name=order.number).click()
    expect(seller_page.locator(".thread-body").last).to_have_text("Спасибо, ждём.")
    assert page.errors == []
    assert seller_page.errors == []


def test_a_guest_who_lost_the_order_link_asks_for_it_again(page, sellers, mailoutbox):
    order = _guest_orders_from_steppe(page, sellers)
    expect(page.get_by_test_id("keep-link")).to_contain_text("Bookmark this page")

    page.goto("/cart/")
    page.get_by_role("link", name="Find your order").click()
    page.get_by_label("E-mail").fill("Erlan@Example.kz")
    page.get_by_label("Order number").fill(order.number)
    page.get_by_role("button", name="Send me the link").click()

    expect(page.locator(".message-success")).to_contain_text("we have sent the link to it")
    mail = next(m for m in mailoutbox if m.subject == f"The link to your order {order.number}")
    assert mail.to == ["erlan@example.kz"]
    path = re.search(r"/orders/[0-9a-f-]{36}/", mail.body).group(0)
    assert path == order.get_absolute_url()
    page.goto(path)  # the link's site is SITE_URL, not the test's server
    expect(page.get_by_test_id("order-status")).to_have_text("New")
    assert page.errors == []
