"""A new user becomes a seller and finds every part of the desk from the header alone."""

import pytest
from playwright.sync_api import expect

from accounts.models import Company
from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy, valid_bin

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _open_seller_menu(page):
    menu = page.locator("details.seller-menu")
    menu.locator("summary").click()
    expect(menu.get_by_role("link").first).to_be_visible()
    return menu


def test_a_new_user_becomes_a_seller_and_reaches_the_desk_from_the_header_alone(signed_in_page):
    user = accept_policy(UserFactory(first_name="Даурен", last_name="Абенов"))
    page = signed_in_page(user)
    page.goto("/")  # the portal's address: the only one typed
    page.get_by_role("button", name="Decline optional").click()
    expect(page.locator(".cookie-bar")).to_have_count(0)
    expect(page.locator(".seller-menu")).to_have_count(0)

    page.get_by_role("link", name="My account").click()
    page.get_by_role("heading", name="Company").get_by_role("link").click()
    page.get_by_label("Company name").fill("ТОО «Костанай Астык»")
    page.get_by_label("BIN").fill(valid_bin(555))
    page.get_by_label("Legal address").fill("Костанай, пр. Аль-Фараби, 65")
    page.get_by_label("Region").select_option(label="Kostanay Region")
    page.get_by_label("Authorised person").fill("Абенов Даурен, директор")
    page.get_by_label("Contact phone").fill("+7 714 250 0000")
    page.get_by_label("Contact e-mail").fill("sales@astyk.kz")
    page.get_by_role("button", name="Become a seller").click()

    # Led to the first listing, with the desk in the header at once.
    expect(page.get_by_text("you can now publish listings")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("New listing")
    assert Company.objects.filter(owner=user).exists()

    _open_seller_menu(page).get_by_role("link", name="My listings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My listings")
    expect(page.locator(".desk-tabs [aria-current=page]")).to_have_text("My listings")

    _open_seller_menu(page).get_by_role("link", name="Orders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orders")
    expect(page.locator(".desk-tabs [aria-current=page]")).to_have_text("Orders")

    _open_seller_menu(page).get_by_role("link", name="Shipping and payment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Shipping and payment")
    expect(page.locator(".desk-tabs [aria-current=page]")).to_have_text("Shipping and payment")

    # The desk's own tabs lead back, and the Personal Account links to the desk too.
    page.locator(".desk-tabs").get_by_role("link", name="My listings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My listings")
    page.get_by_role("link", name="My account").click()
    expect(page.locator(".seller-desk-card")).to_be_visible()
    assert page.errors == []


def test_the_seller_menu_works_by_keyboard(signed_in_page):
    seller = CompanyFactory(owner=accept_policy(UserFactory())).owner
    page = signed_in_page(seller)
    page.goto("/")
    page.get_by_role("button", name="Decline optional").click()
    # The banner sends the choice in the background and then leaves (moving focus): wait.
    expect(page.locator(".cookie-bar")).to_have_count(0)

    page.locator(".seller-menu summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator(".seller-menu a").first).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("My listings")
