"""The seller's catalogue import in the real Chromium: upload → preview → confirm →
progress → report; and a buyer's "Show contacts" button."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings.models import Listing
from listings.tests.catalogue_files import BAD_ROWS, catalogue_rows, filled_template
from listings.tests.factories import ListingFactory
from portal.tests.helpers import decline_optional_cookies

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_seller_imports_a_catalogue_from_preview_to_report(signed_in_page, tmp_path):
    seller = CompanyFactory(owner=accept_policy(UserFactory())).owner
    page = signed_in_page(seller)
    page.goto("/seller/listings/")
    decline_optional_cookies(page)
    page.get_by_role("link", name="Import a catalogue").click()

    with page.expect_download() as download:
        page.get_by_role("link", name="Template (Excel)").click()
    template = download.value.path().read_bytes()
    filled = tmp_path / "price-list.xlsx"
    filled.write_bytes(filled_template(template, catalogue_rows(40, bad={7: BAD_ROWS[202]})))
    page.get_by_label("Catalogue file").set_input_files(filled)
    page.get_by_role("button", name="Upload and check").click()

    counts = page.get_by_test_id("import-preview-counts")
    expect(counts).to_contain_text("39 listings will be created")
    expect(counts).to_contain_text("1 row is refused")
    expect(page.locator('tr[data-row="8"]')).to_contain_text("bad price “abc”")
    assert not Listing.objects.exists()
    page.get_by_role("button", name="Confirm the import").click()

    expect(page.get_by_test_id("import-status")).to_have_text("Imported")
    expect(page.get_by_test_id("import-result-counts")).to_contain_text("39 listings created")
    with page.expect_download() as download:
        page.get_by_test_id("import-report").click()
    report = download.value.path().read_text(encoding="utf-8-sig")
    assert "8;refused;A-00007" in report
    assert Listing.objects.filter(company=seller.company).count() == 39
    assert page.errors == []


def test_a_buyer_shows_a_sellers_contacts_with_one_click(page):
    company = CompanyFactory(whatsapp="+77011234567", telegram="agro_kz")
    listing = ListingFactory(company=company)
    page.goto(f"/listings/{listing.pk}/")
    decline_optional_cookies(page)
    expect(page.get_by_text(company.contact_email)).to_have_count(0)

    page.get_by_role("button", name="Show contacts").click()

    contacts = page.get_by_test_id("seller-contacts")
    expect(contacts).to_contain_text(company.contact_email)
    expect(contacts.get_by_role("link", name="WhatsApp")).to_have_attribute(
        "href", "https://wa.me/77011234567"
    )
    expect(page.get_by_role("button", name="Show contacts")).to_be_hidden()
    assert page.errors == []


def test_show_contacts_falls_back_to_the_plain_form_when_the_fetch_fails(page):
    company = CompanyFactory()
    listing = ListingFactory(company=company)
    page.goto(f"/listings/{listing.pk}/")
    decline_optional_cookies(page)

    def no_json(route):
        if "application/json" in route.request.headers.get("accept", ""):
            route.abort()  # the network fails for the module's request
        else:
            route.continue_()

    page.route("**/sellers/*/contacts/", no_json)
    page.get_by_role("button", name="Show contacts").click()

    expect(page.get_by_role("heading", name="Contacts")).to_be_visible()
    expect(page.get_by_text(company.contact_email)).to_be_visible()
