from urllib.parse import unquote

import pytest
from cookie_consent.models import Cookie
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_page_shows_cookie_banner_and_declining_sets_no_optional_cookie(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    banner = page.locator(".cookie-bar")
    expect(banner).to_be_visible()

    with page.expect_response("**/cookies/decline/"):
        page.get_by_role("button", name="Decline optional").click()

    expect(banner).to_have_count(0)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    optional = set(
        Cookie.objects.filter(cookiegroup__is_required=False).values_list("name", flat=True)
    )
    assert optional, "the optional cookie groups should declare their cookies"
    assert not optional & cookies.keys()
    choice = unquote(cookies["cookie_consent"])
    assert "analytics=-1" in choice
    assert "marketing=-1" in choice

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".cookie-bar")).to_have_count(0)
    assert page.errors == []
