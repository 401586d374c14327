"""Staff reach the admin in Chromium only with a code from an authenticator app."""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, UserFactory, second_factor_add, totp_code
from accounts.tests.test_browser import decline_optional_cookies
from portal.admin_site import STAFF_SET_UP_SECOND_FACTOR_MESSAGE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in(page, email):
    page.goto("/admin/")  # the admin sends the visitor to the portal's sign-in
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fadmin%2F$"))
    decline_optional_cookies(page)
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_staff_set_up_an_authenticator_app_and_then_reach_the_admin(page):
    UserFactory(email="new.staff@portal.kz", is_staff=True, is_superuser=True)

    _sign_in(page, "new.staff@portal.kz")
    # Without an authenticator app, the admin sends staff to set one up; allauth asks for
    # the password once more before the way of signing in changes.
    expect(page.get_by_text(str(STAFF_SET_UP_SECOND_FACTOR_MESSAGE))).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".totp-qr svg")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text().strip()

    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on").click()

    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Go on to the admin").click()
    expect(page.locator("#site-name")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert page.errors == []


def test_staff_with_an_app_enter_its_code_and_a_wrong_one_keeps_the_admin_closed(page):
    staff = UserFactory(email="staff@portal.kz", is_staff=True, is_superuser=True)
    second_factor_add(staff)

    _sign_in(page, "staff@portal.kz")
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    wrong = "000000" if totp_code() != "000000" else "111111"
    page.get_by_label("Code").fill(wrong)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".errorlist")).to_be_visible()
    page.goto("/admin/")  # still outside: the sign-in waits for the code
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    expect(page.locator("#site-name")).to_have_count(0)

    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign in").click()

    expect(page.locator("#site-name")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/$"))
