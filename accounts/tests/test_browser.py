"""The account journeys in Chromium: sign up, confirm, sign in, profile, seller, privacy."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from accounts.forms import ACCEPT_POLICY_REQUIRED_MESSAGE
from accounts.models import Company, User
from accounts.tests.factories import PASSWORD, UserFactory, accept_policy, valid_bin
from accounts.validators import BIN_CHECKSUM_MESSAGE
from privacy.models import ConsentEvent, DataRequest, Purpose
from privacy.registry import registry
from privacy.selectors import consent_given

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def decline_optional_cookies(page):
    """Answer the cookie banner, so that it covers no button of the page."""
    banner = page.locator(".cookie-bar")
    if banner.count():
        with page.expect_response("**/cookies/decline/"):
            page.get_by_role("button", name="Decline optional").click()
        expect(banner).to_have_count(0)


def sign_in(page, email, password=PASSWORD):
    page.goto("/accounts/login/")
    decline_optional_cookies(page)
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_up_with_consent_confirm_the_email_and_sign_in(page, live_server):
    page.goto("/accounts/signup/")
    decline_optional_cookies(page)
    page.get_by_label("E-mail address", exact=True).fill("aigerim@example.kz")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("First name").fill("Aigerim")
    page.get_by_label("Last name").fill("Nurlanova")
    page.get_by_label("Phone", exact=True).fill("+7 701 234 5678")
    marketing = page.get_by_label(re.compile("Send me news"))
    expect(marketing).not_to_be_checked()
    expect(page.locator("label[for=id_accept_privacy_policy] a")).to_have_attribute(
        "href", "/privacy/policy/"
    )

    page.get_by_role("button", name="Sign up").click()  # the policy is not accepted yet

    expect(page.locator("#id_accept_privacy_policy_error")).to_have_text(
        str(ACCEPT_POLICY_REQUIRED_MESSAGE)
    )
    assert not User.objects.exists()
    expect(page.get_by_label("First name")).to_have_value("Aigerim")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.locator("#id_accept_privacy_policy").check()
    page.locator("#id_accept_terms").check()
    page.locator("#id_confirm_age").check()
    marketing.check()
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", name="Confirm your e-mail address")).to_be_visible()
    user = User.objects.get(email="aigerim@example.kz")
    assert user.phone.as_e164 == "+77012345678"
    required = set(Purpose.objects.filter(is_required=True).values_list("code", flat=True))
    granted = ConsentEvent.objects.filter(user=user, action="grant")
    assert set(granted.values_list("purpose__code", flat=True)) == required | {"marketing"}
    signup_event = granted.get(purpose__code="service")
    assert signup_event.policy_version is not None
    assert signup_event.ip_truncated == "127.0.0.0"
    assert "Chrom" in signup_event.user_agent
    assert "privacy policy" in signup_event.text_shown

    (message,) = mail.outbox
    link = re.search(r"/accounts/confirm-email/[^/\s]+/", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("link", name="My account")).to_be_visible()
    assert EmailAddress.objects.get(email="aigerim@example.kz").verified
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    sign_in(page, "aigerim@example.kz")
    page.goto("/account/")
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    expect(page.get_by_text("e-mail confirmed")).to_be_visible()
    assert page.errors == []


def test_edit_the_profile_and_become_a_seller(page):
    user = accept_policy(UserFactory(email="dauren@example.kz"))
    sign_in(page, "dauren@example.kz")
    page.goto("/account/profile/")

    page.get_by_label("Patronymic").fill("Serikovich")
    page.get_by_label("Phone", exact=True).fill("+7 495 123 4567")
    page.get_by_label("Region").select_option(label="Kostanay Region")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_phone_error")).to_contain_text("Kazakhstan phone number")
    user.refresh_from_db()
    assert user.patronymic == ""

    page.get_by_label("Phone", exact=True).fill("+7 777 123 4567")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    user.refresh_from_db()
    assert (user.patronymic, user.phone.as_e164, user.region) == (
        "Serikovich",
        "+77771234567",
        "kostanay",
    )

    page.goto("/account/company/")
    page.get_by_label("Company name").fill("TOO Kostanay Grain")
    good_bin = valid_bin(321)
    bad_bin = good_bin[:-1] + str((int(good_bin[-1]) + 1) % 10)
    page.get_by_label("BIN").fill(bad_bin)
    page.get_by_label("Legal address").fill("Kostanay, Al-Farabi ave. 65")
    page.get_by_label("Region").select_option(label="Kostanay Region")
    page.get_by_label("Authorised person").fill("Abenov Dauren, director")
    page.get_by_label("Contact phone").fill("+7 714 250 0000")
    page.get_by_label("Contact e-mail").fill("sales@grain.kz")
    page.get_by_role("button", name="Become a seller").click()

    expect(page.locator("#id_bin_error")).to_have_text(str(BIN_CHECKSUM_MESSAGE))
    expect(page.get_by_label("Company name")).to_have_value("TOO Kostanay Grain")
    assert not Company.objects.exists()

    page.get_by_label("BIN").fill(good_bin)
    page.get_by_role("button", name="Become a seller").click()

    expect(page.get_by_text("you can now publish listings")).to_be_visible()
    # The new seller is taken to their first listing.
    expect(page.get_by_role("heading", name="New listing")).to_be_visible()
    company = Company.objects.get(owner=user)
    assert company.bin == good_bin
    page.goto("/account/company/")
    expect(page.locator(".verified-badge")).to_have_count(0)

    Company.objects.filter(pk=company.pk).update(is_verified=True)
    page.reload()
    expect(page.locator(".verified-badge")).to_be_visible()
    assert page.errors == []


def test_withdraw_marketing_download_my_data_and_delete_the_account(page):
    user = accept_policy(UserFactory(email="leaving@example.kz"), marketing=True)
    sign_in(page, "leaving@example.kz")
    page.goto("/account/privacy/")

    marketing_row = page.locator("#purpose-marketing")
    expect(marketing_row.get_by_text("consent given")).to_be_visible()
    marketing_row.get_by_role("button", name="Withdraw consent").click()
    expect(page.locator("#purpose-marketing").get_by_text("consent withdrawn")).to_be_visible()
    assert not consent_given(purpose="marketing", user=user)
    expect(page.locator("#history")).to_contain_text("Marketing mailings")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data").click()
    download = download_info.value
    assert download.suggested_filename.startswith("dala-market-my-data-")
    with open(download.path(), encoding="utf-8") as f:
        data = json.load(f)
    # The file names every section and column in the person's language, never a code name.
    sections = {s["Where"]: s for s in data["Your data on Dala Market"]}
    assert set(sections) == {str(source.description) for source in registry.sources()}
    account = sections["Your account: name, e-mail, phone, region, address and activity dates"]
    assert account["Records"][0]["E-mail address"] == "leaving@example.kz"
    assert "accounts.user" not in json.dumps(data)
    user.refresh_from_db()
    assert user.password not in json.dumps(data)  # no password hash, whatever the hasher
    assert DataRequest.objects.get(user=user, kind="access").status == "done"

    page.get_by_role("link", name="View my data").click()
    expect(page.get_by_role("heading", name="My data")).to_be_visible()
    expect(page.get_by_text("leaving@example.kz").first).to_be_visible()

    page.goto("/account/privacy/")
    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator("#id_password_error")).to_have_text("The password is not correct.")
    user.refresh_from_db()
    assert user.is_active

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()

    expect(page.get_by_text("Your account is closed")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    user.refresh_from_db()
    assert not user.is_active
    # The erasure engine answers the request at once: the e-mail is freed already.
    assert DataRequest.objects.get(user=user, kind="erasure").status == "done"
    assert user.email == f"erased-{user.pk}@invalid"

    sign_in(page, "leaving@example.kz")
    expect(page.get_by_role("link", name="My account")).to_have_count(0)
    page.goto("/account/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert page.errors == []
