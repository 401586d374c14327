import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from privacy import services
from privacy.models import ConsentEvent, PolicyVersion, Purpose
from privacy.selectors import policy_current

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_user_is_asked_to_accept_the_next_policy_once_published(signed_in_page, live_server):
    user = UserFactory()
    v1 = policy_current()  # version 2 since the migrations
    for purpose in Purpose.objects.filter(is_required=True):
        ConsentEvent.objects.create(
            user=user, purpose=purpose, action="grant", channel="signup", text_shown="v1",
            policy_version=v1,
        )  # fmt: skip
    page = signed_in_page(user)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Our privacy policy has changed")

    draft = PolicyVersion.objects.create(
        version=3, text="## 1. New\nSecond text.", summary_of_changes="We now name our carriers."
    )
    services.policy_publish(policy=draft)
    page.goto("/")

    expect(page).to_have_url(f"{live_server.url}/privacy/accept/?next=%2F")
    expect(page.get_by_text("We now name our carriers.")).to_be_visible()
    page.get_by_label("I have read the privacy policy, version 3, and accept it.").check()
    page.get_by_role("button", name="Accept and continue").click()

    expect(page).to_have_url(f"{live_server.url}/")
    accepted = ConsentEvent.objects.filter(user=user, policy_version__version=3)
    assert set(accepted.values_list("purpose__code", flat=True)) == {"service", "fraud", "legal"}
    assert page.errors == []


def test_accepting_analytics_renders_the_snippet_and_sets_its_cookie(page):
    page.goto("/")
    expect(page.locator("#analytics-snippet")).to_have_count(0)

    page.get_by_role("button", name="Accept all").click()

    expect(page.locator("html")).to_have_attribute("data-analytics", "on")
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-analytics", "on")
    expect(page.locator("script#analytics-snippet")).to_have_count(1)
    assert "portal_analytics" in {c["name"] for c in page.context.cookies()}
    assert page.errors == []


def test_declining_never_renders_the_analytics_snippet(page):
    page.goto("/")

    with page.expect_response("**/cookies/decline/"):
        page.get_by_role("button", name="Decline optional").click()
    page.reload()
    page.goto("/cookies/")

    expect(page.locator("script#analytics-snippet")).to_have_count(0)
    assert page.locator("html").get_attribute("data-analytics") is None
    assert "portal_analytics" not in {c["name"] for c in page.context.cookies()}
    assert page.errors == []
