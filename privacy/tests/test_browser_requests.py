import json
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from privacy.models import DataRequest, DisclosureEvent
from privacy.services import consent_grant

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_staff_process_a_guests_access_request_in_admin(
    page, signed_in_page, live_server, settings
):
    settings.SITE_URL = live_server.url  # links in e-mails sent outside a request
    consent_grant(purpose="orders", channel="checkout", text_shown="x", email="guest@mail.kz")

    # The guest asks for a copy of their data and confirms through the e-mailed link.
    page.goto("/privacy/request/")
    page.get_by_label("What do you ask for?").select_option("access")
    page.get_by_label("Your e-mail address").fill("guest@mail.kz")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    page.goto(_link(mail.outbox[-1]))
    page.get_by_role("button", name="Confirm the request").click()
    expect(page.get_by_role("heading", name="Request confirmed")).to_be_visible()

    # Staff run it from the admin list.
    staff_page = signed_in_page(UserFactory(is_staff=True, is_superuser=True))
    staff_page.goto("/admin/privacy/datarequest/?status__exact=verified")
    staff_page.get_by_role("checkbox", name="Select this object for an action").first.check()
    staff_page.get_by_role("combobox", name="Action").select_option("run")
    staff_page.get_by_role("button", name="Go").click()
    expect(staff_page.get_by_text("Done.", exact=False).first).to_be_visible()

    data_request = DataRequest.objects.get()
    assert data_request.status == "done"
    # Staff download the export: that is recorded as a disclosure.
    staff_page.goto(f"/admin/privacy/datarequest/{data_request.pk}/change/")
    with staff_page.expect_download() as download:
        staff_page.get_by_role("link", name="Download the export (recorded)").click()
    assert json.loads(Path(download.value.path()).read_text())["privacy.consentevent"]["rows"]
    assert DisclosureEvent.objects.filter(reason__startswith="Downloaded").exists()
    staff_page.context.close()

    # The guest gets the download link by e-mail.
    with page.expect_download() as guest_download:
        page.evaluate("url => { window.location.href = url; }", _link(mail.outbox[-1]))
    export = json.loads(Path(guest_download.value.path()).read_text())
    [consents] = [s for s in export["Your data on Dala Market"] if s["Where"].startswith("Consent")]
    assert (
        consents["Records"][0]["Purpose"] == "Orders and disclosure of contact data to the seller"
    )
    assert page.errors == []
