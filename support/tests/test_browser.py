"""The complaint journey in Chromium: a guest reports a listing, staff hide it in admin."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from listings.tests.factories import ListingFactory
from support.models import Complaint

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_guest_reports_a_listing_and_staff_hide_it(page, signed_in_page):
    listing = ListingFactory(title="Сеялка СЗ-5.4 Астана")

    # The guest reports the listing from its page.
    page.goto(f"/listings/{listing.pk}/")
    page.get_by_role("link", name="Report this listing").click()
    expect(page.get_by_text("You are reporting:")).to_contain_text("Сеялка СЗ-5.4 Астана")
    expect(page.get_by_label("Its number or page address")).to_have_value(str(listing.pk))
    page.get_by_label("Fraud").check()
    page.get_by_label("What is wrong?").fill("Просят предоплату на личную карту.")
    page.get_by_label("Your name").fill("Айгерим")
    page.get_by_label("Your e-mail address").fill("aigerim@example.kz")
    expect(page.locator("#consent-statement")).to_contain_text("By sending this complaint")
    page.get_by_role("button", name="Send the complaint").click()
    expect(page.get_by_role("heading", name="Your complaint is sent")).to_be_visible()
    complaint = Complaint.objects.get()
    assert complaint.listing_id == listing.pk

    # Staff see it counted on the admin index and hide the listing from the list.
    staff_page = signed_in_page(UserFactory(is_staff=True, is_superuser=True))
    staff_page.goto("/admin/")
    expect(staff_page.locator("#support-open-items")).to_contain_text("New complaints")
    staff_page.get_by_role("link", name="New complaints").click()
    staff_page.get_by_role("checkbox", name="Select this object for an action").first.check()
    staff_page.get_by_role("combobox", name="Action").select_option("hide_listing")
    staff_page.get_by_role("button", name="Go").click()
    # Every moderation decision cites a rule: proposed from the reason, confirmed by staff.
    staff_page.get_by_label("Rule broken").select_option("lawful")
    staff_page.get_by_role("button", name="Apply").click()
    expect(staff_page.get_by_text("the reporters are told", exact=False)).to_be_visible()
    assert staff_page.errors == []
    staff_page.context.close()

    # The listing is gone from search and from its page.
    page.goto("/listings/?q=Сеялка")
    expect(page.locator(f'a[href="/listings/{listing.pk}/"]')).to_have_count(0)
    # (A request, not a page: Chromium logs a 404 page load as a console error.)
    assert page.request.get(f"/listings/{listing.pk}/").status == 404

    # The reporter is told by e-mail.
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RESOLVED
    (sent,) = mail.outbox
    assert sent.to == ["aigerim@example.kz"]
    assert "Сеялка СЗ-5.4 Астана" in sent.body
    assert page.errors == []
