"""The strict Content-Security-Policy breaks no page: Chromium reports no violation.

The `page` fixtures fail a test on any violation; these walks open the pages (and the
admin's widgets) that other journeys do not.
"""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings.tests.factories import ListingFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_walks_the_main_pages_without_a_violation(page):
    listing = ListingFactory(company=CompanyFactory())
    for url in ["/", "/listings/?q=трактор", f"/listings/{listing.pk}/",
                f"/sellers/{listing.company_id}/", "/cart/", "/privacy/policy/",
                "/privacy/request/", "/privacy/stats/", "/cookies/", "/accounts/signup/",
                "/accounts/login/"]:  # fmt: skip
        page.goto(url)
        expect(page.locator("main")).to_be_visible()
    assert page.errors == []


def test_a_member_walks_the_personal_account_without_a_violation(signed_in_page):
    page = signed_in_page(accept_policy(UserFactory()))
    for url in ["/account/", "/account/profile/", "/account/company/", "/account/orders/",
                "/account/privacy/", "/accounts/2fa/"]:  # fmt: skip
        page.goto(url)
        expect(page.locator(".account-nav")).to_be_visible()
    assert page.errors == []


def test_staff_use_the_admins_widgets_without_a_violation(signed_in_page):
    company = CompanyFactory()
    page = signed_in_page(UserFactory(is_staff=True, is_superuser=True))
    for url in ["/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/",
                f"/admin/accounts/user/{company.owner_id}/change/",
                "/admin/privacy/datarequest/?due=overdue", "/admin/privacy/consentevent/",
                "/admin/privacy/purpose/records/", "/admin/listings/category/add/",
                "/admin/orders/order/"]:  # fmt: skip
        page.goto(url)
        expect(page.locator("#content")).to_be_visible()

    # Autocomplete (select2), the calendar and the clock: the admin's scripted widgets.
    page.goto("/admin/privacy/legalhold/add/")
    page.locator(".select2-selection").first.click()
    page.locator(".select2-search__field").fill(company.owner.email[:5])
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.keyboard.press("Escape")
    page.locator(".datetimeshortcuts a").first.click()  # "Today"
    page.get_by_role("link", name="Choose a Date").click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    assert page.errors == []
