import json
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from portal.tests.helpers import first_link
from privacy.models import DataRequest, DisclosureEvent
from privacy.services import consent_grant
from privacy.texts import ERASURE_DONE_SUBJECT, EXPORT_READY_SUBJECT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _ask(page, kind: str, email: str) -> None:
    """Send the request form as a guest and confirm it through the e-mailed link."""
    page.goto("/privacy/request/")
    page.get_by_label("What do you ask for?").select_option(kind)
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    page.goto(first_link(mail.outbox[-1]))
    page.get_by_role("button", name="Confirm the request").click()
    expect(page.get_by_role("heading", name="Request confirmed")).to_be_visible()


def test_a_guests_access_request_is_answered_by_e_mail_with_no_staff_action(
    page, signed_in_page, live_server, settings
):
    settings.SITE_URL = live_server.url  # links in e-mails sent outside a request
    consent_grant(purpose="orders", channel="checkout", text_shown="x", email="guest@mail.kz")

    _ask(page, "access", "guest@mail.kz")

    # Answered by itself: the guest gets the download link by e-mail.
    data_request = DataRequest.objects.get()
    assert (data_request.status, data_request.handled_by) == ("done", None)
    answer = mail.outbox[-1]
    assert answer.subject == str(EXPORT_READY_SUBJECT)
    with page.expect_download() as guest_download:
        page.evaluate("url => { window.location.href = url; }", first_link(answer))
    export = json.loads(Path(guest_download.value.path()).read_text())
    [consents] = [s for s in export["Your data on Dala Market"] if s["Where"].startswith("Consent")]
    assert (
        consents["Records"][0]["Purpose"] == "Orders and disclosure of contact data to the seller"
    )
    assert page.errors == []

    # Staff may still download the answer: that is recorded as a disclosure.
    staff_page = signed_in_page(UserFactory(is_staff=True, is_superuser=True))
    staff_page.goto(f"/admin/privacy/datarequest/{data_request.pk}/change/")
    with staff_page.expect_download() as download:
        staff_page.get_by_role("link", name="Download the export (recorded)").click()
    assert json.loads(Path(download.value.path()).read_text())["privacy.consentevent"]["rows"]
    assert DisclosureEvent.objects.filter(reason__startswith="Downloaded").exists()


def test_a_guests_erasure_ends_with_an_e_mail_of_what_was_erased_and_what_is_kept(
    page, live_server, settings
):
    from orders.tests.factories import OrderFactory

    settings.SITE_URL = live_server.url
    order = OrderFactory(email="guest@mail.kz", full_name="Ахметов Ерлан", completed=True)

    _ask(page, "erasure", "guest@mail.kz")

    order.refresh_from_db()
    assert (order.full_name, order.email) == ("", "erased@invalid")
    letter = mail.outbox[-1]
    assert (letter.subject, letter.to) == (str(ERASURE_DONE_SUBJECT), ["guest@mail.kz"])
    assert "Your orders: contact data for the seller, items and totals" in letter.body
    assert "Kept, because the law requires it" in letter.body
    assert page.errors == []
