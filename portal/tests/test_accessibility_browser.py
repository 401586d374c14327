"""axe-core in the real Chromium: no WCAG 2.1 A or AA violation on the audited pages.

axe-core comes from the PyPI package axe-playwright-python (its bundled axe.min.js), so the
tests need no network and no npm. It is injected with `page.evaluate`, which the
Content-Security-Policy does not govern (it governs the page's own scripts), so the strict
policy stays on and any violation it reports still fails the test (conftest.py).
"""

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings.models import ListingImage
from listings.tests.factories import ListingFactory, ReviewFactory, image_upload

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Each run: a language at a screen width (a desktop, and the phone of the walk).
RUNS = [("", 1280), ("/kk", 390)]
RUN_AXE = """(tags) => axe.run(document, {
  runOnly: {type: "tag", values: tags},
  resultTypes: ["violations"],
})"""


def axe_violations(page, path: str = "") -> list[str]:
    """Run axe-core on the page as it is now; return one line per violating element."""
    page.wait_for_load_state("networkidle")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    result = page.evaluate(RUN_AXE, WCAG_21_AA)
    return [
        f"{violation['id']} ({violation['impact']}): {' '.join(node['target'])}: "
        f"{node['failureSummary']}".replace("\n", " ")
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def test_axe_finds_a_violation_when_there_is_one(page):
    page.goto("/cookies/")
    page.evaluate(
        """() => {
          const image = document.createElement("img");
          image.src = "/static/img/favicon.svg";
          document.querySelector("main").append(image);
        }"""
    )

    assert [line.split(":")[0] for line in axe_violations(page)] == ["image-alt (critical)"]


@pytest.fixture
def catalogue():
    """A seller with a rated listing that has a photo, and a buyer signed up for an account."""
    seller = CompanyFactory(name="ТОО «Степь Агро»", description="Сельхозтехника и запчасти.")
    listing = ListingFactory(company=seller, title="Трактор МТЗ-82", price=12_500_000)
    ListingFactory(company=seller, title="Сеялка СЗ-3,6", on_request=True)
    ListingImage.objects.create(listing=listing, image=image_upload(), width=64, height=48)
    ReviewFactory(company=seller, rating=4, text="Отгрузили вовремя.")
    buyer = accept_policy(UserFactory())
    return seller, listing, buyer


@pytest.mark.parametrize(("prefix", "width"), RUNS)
def test_public_pages_have_no_wcag_violation(page, catalogue, prefix, width):
    seller, listing, _buyer = catalogue
    page.set_viewport_size({"width": width, "height": 800})
    paths = [
        "/",
        "/listings/?q=трактор",
        f"/listings/{listing.pk}/",
        f"/sellers/{seller.pk}/",
        "/privacy/policy/",
        "/cookies/",
        "/accounts/signup/",
    ]
    found = {}
    for path in paths:
        page.goto(prefix + path)
        found[prefix + path] = axe_violations(page, path)

    assert found == {path: [] for path in found}


@pytest.mark.parametrize(("prefix", "width"), RUNS)
def test_the_buyers_pages_have_no_wcag_violation(signed_in_page, catalogue, prefix, width):
    seller, listing, buyer = catalogue
    page = signed_in_page(buyer)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{prefix}/listings/{listing.pk}/")
    page.locator("#cart-quantity").fill("1")
    page.locator(".add-to-cart button[type=submit]").click()
    page.wait_for_url(f"**{prefix}/cart/")
    found = {"cart": axe_violations(page)}
    for name, path in [
        ("checkout", f"/cart/checkout/{seller.pk}/"),
        ("account privacy", "/account/privacy/"),
    ]:
        page.goto(prefix + path)
        found[name] = axe_violations(page, path)

    assert found == {"cart": [], "checkout": [], "account privacy": []}
