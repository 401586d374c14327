"""The admin in the browser: the data-request list fits a 1366 px screen."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from privacy.models import DataRequest
from privacy.services import data_request_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_data_request_list_keeps_its_due_date_column_in_view_at_1366_px(signed_in_page):
    person = UserFactory(email="a-rather-long-address.of.a.person@example-company.kz")
    data_request_create(kind=DataRequest.Kind.RESTRICTION, user=person, verified=True)
    data_request_create(kind=DataRequest.Kind.ACCESS, email="guest.with.long.name@example.kz")
    page = signed_in_page(UserFactory(is_staff=True, is_superuser=True))
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto("/admin/")
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": page.url}])

    page.goto("/admin/privacy/datarequest/")

    due = page.locator("td.field-due").first
    expect(due).to_be_visible()
    box = due.bounding_box()
    assert box["x"] + box["width"] <= 1366
    scroll = page.evaluate("document.querySelector('.results').scrollWidth")
    client = page.evaluate("document.querySelector('.results').clientWidth")
    assert scroll <= client
