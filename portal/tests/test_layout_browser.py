"""No page scrolls sideways on a 360 px phone or at 1366 px, in Russian and Kazakh; the
cookie banner is compact on a phone, covers nothing and works by keyboard and without
JavaScript."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.tests.factories import CompanyFactory, accept_policy
from listings.models import Listing
from listings.tests.factories import ListingFactory, ReviewFactory, leaf
from orders.tests.factories import OrderFactory, OrderItemFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (360, 1366)
GUEST_PAGES = (
    "/", "/listings/", "/listings/?q=трактор&sort=price_desc", "{listing}", "{seller}", "/cart/",
    "{checkout}", "{order}", "/privacy/policy/", "/cookies/", "/accounts/signup/",
    "/accounts/login/", "/privacy/request/", "/privacy/stats/", "/support/complaint/",
    "/support/feedback/", "/support/callback/",
)  # fmt: skip
SELLER_PAGES = (
    "/account/", "/account/profile/", "/account/company/", "/account/privacy/",
    "/account/orders/", "/seller/listings/", "/seller/listings/new/", "{edit}",
    "/seller/orders/", "{desk_order}", "/seller/settings/",
)  # fmt: skip
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def shop():
    """A seller with listings (long Kazakh and Russian words), an order, and a review."""
    company = CompanyFactory(name="ТОО «Солтүстік Қазақстан Агроөнеркәсіптік Кешені»")
    listing = ListingFactory(
        company=company,
        title="Трактор колёсный сельскохозяйственный МТЗ-82.1 Беларус с погрузчиком",
        price=9_090_000,
        min_order_quantity=2,
    )
    ListingFactory(company=company, category=leaf("rebar"), unit=Listing.Unit.TONNE)
    order = OrderFactory(company=company, organization="ТОО «Жаңа Астық Экспорт»")
    OrderItemFactory(order=order, title=listing.title, price=9_090_000, quantity=3)
    ReviewFactory(company=company, rating=4)
    return {"company": company, "listing": listing, "order": order}


def _urls(pages, shop):
    listing, order, company = shop["listing"], shop["order"], shop["company"]
    values = {
        "listing": listing.get_absolute_url(), "seller": company.get_absolute_url(),
        "checkout": f"/cart/checkout/{company.pk}/", "order": order.get_absolute_url(),
        "edit": f"/seller/listings/{listing.pk}/edit/", "desk_order": f"/seller/orders/{order.pk}/",
    }  # fmt: skip
    return [page.format(**values) for page in pages]


def _wide_pages(page, urls) -> list[str]:
    wide = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            page.goto(url)
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                wide.append(f"{url} at {width} px: {overflow} px too wide")
    return wide


def _language(page, language):
    page.goto("/")
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": page.url}]
    )


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_no_page_of_a_guest_scrolls_sideways(page, shop, language):
    _language(page, language)
    page.goto(shop["listing"].get_absolute_url())
    page.locator(".add-to-cart button").click()  # the cart and checkout have a line

    assert _wide_pages(page, _urls(GUEST_PAGES, shop)) == []
    assert page.errors == []


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_no_page_of_a_seller_scrolls_sideways(signed_in_page, shop, language):
    seller = shop["company"].owner
    accept_policy(seller)
    page = signed_in_page(seller)
    _language(page, language)

    assert _wide_pages(page, _urls(SELLER_PAGES, shop)) == []
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto("/seller/orders/")
    page.locator(".seller-menu summary").click()
    expect(page.locator(".seller-menu a").first).to_be_visible()
    assert page.evaluate(OVERFLOW) <= 0


def test_the_cart_on_a_phone_shows_quantity_sum_update_and_remove(page, shop):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(shop["listing"].get_absolute_url())
    page.get_by_role("button", name="Decline optional").click()
    page.locator(".add-to-cart button").click()

    line = page.locator(".cart-line").first
    for control in (line.get_by_role("spinbutton"), line.get_by_role("button", name="Update"),
                    line.get_by_role("button", name=re.compile("^Remove"))):  # fmt: skip
        expect(control).to_be_in_viewport()
        box = control.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 360
    expect(line.locator("td[data-label=Sum]")).to_have_text("18,180,000\u00a0₸")
    line.get_by_role("spinbutton").fill("3")
    line.get_by_role("button", name="Update").click()
    expect(page.locator(".cart-line").first).to_contain_text("27,270,000\u00a0₸")


def _overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
    )  # fmt: skip


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_banner_on_a_phone_is_compact_and_covers_no_title_price_or_button(page, shop, language):
    _language(page, language)
    page.set_viewport_size({"width": 412, "height": 915})

    page.goto(shop["listing"].get_absolute_url())

    banner = page.locator(".cookie-bar").bounding_box()
    assert banner["height"] <= 0.25 * 915
    for selector in ("h1", ".listing-detail-price", ".add-to-cart button"):
        assert not _overlap(banner, page.locator(selector).bounding_box()), selector
    expect(page.locator("h1")).to_be_in_viewport()
    expect(page.locator(".listing-detail-price")).to_be_in_viewport()


def test_the_banner_is_answered_by_keyboard(page, shop):
    page.goto("/")

    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Decline optional":
            break
    else:
        pytest.fail("Tab never reached the banner's buttons")
    with page.expect_response("**/cookies/decline/"):
        page.keyboard.press("Enter")

    expect(page.locator(".cookie-bar")).to_have_count(0)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert "analytics=-1" in cookies[settings.COOKIE_CONSENT_NAME].replace("%3D", "=")
    assert page.errors == []


def test_the_banner_works_without_javascript(browser, live_server, shop):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    url = shop["listing"].get_absolute_url()
    page.goto(url)

    page.get_by_role("button", name="Accept all").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(shop["listing"].title)
    assert page.url.endswith(url)
    expect(page.locator(".cookie-bar")).to_have_count(0)
    expect(page.locator("#analytics-snippet")).to_have_count(1)
    context.close()


def _contrast(rgb_a, rgb_b) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colours(css: str) -> list[tuple[int, ...]]:
    return [tuple(int(n) for n in m) for m in re.findall(r"rgb\((\d+), (\d+), (\d+)\)", css)]


def test_stars_and_card_placeholders_have_enough_contrast(page, shop):
    page.goto(shop["company"].get_absolute_url())
    page.get_by_role("button", name="Decline optional").click()

    star = page.locator(".stars").first
    [colour] = _colours(star.evaluate("e => getComputedStyle(e).color"))
    assert _contrast(colour, (255, 255, 255)) >= 4.5
    expect(star).to_have_attribute("role", "img")

    placeholder = page.locator(".listing-placeholder").first
    [text] = _colours(placeholder.evaluate("e => getComputedStyle(e).color"))
    backgrounds = _colours(placeholder.evaluate("e => getComputedStyle(e).backgroundImage"))
    assert backgrounds
    assert min(_contrast(text, background) for background in backgrounds) >= 4.5
