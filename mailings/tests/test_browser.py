"""The e-mails a person chooses, and the unsubscribe page, in Chromium."""

import pytest
from playwright.sync_api import expect

from accounts.models import NotificationPreference
from accounts.tests.factories import UserFactory, accept_policy
from accounts.views import NOTIFICATIONS_SAVED_MESSAGE
from listings.tests.factories import leaf
from mailings.models import FollowedCategory
from mailings.unsubscribe import unsubscribe_token
from mailings.views import CATEGORIES_SAVED_MESSAGE, INVALID_MESSAGE, UNSUBSCRIBED_MESSAGE
from privacy.models import ConsentEvent, Purpose
from privacy.selectors import consent_given

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_person_chooses_their_emails_and_the_digests_categories(signed_in_page):
    person = accept_policy(UserFactory(), marketing=True)
    page = signed_in_page(person)
    page.goto("/account/")

    page.get_by_role("link", name="E-mails I receive").click()
    assert page.url.endswith("/account/notifications/")
    expect(page.get_by_role("heading", name="Always sent")).to_be_visible()
    expect(page.get_by_text("Order confirmations")).to_be_visible()
    page.locator("#field-new_message").get_by_label("Off").check()
    page.locator("#field-quotes").get_by_label("In a daily digest").check()
    page.locator("#field-listings_digest").get_by_label("On").check()
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".message-success")).to_have_text(str(NOTIFICATIONS_SAVED_MESSAGE))
    expect(page.locator("#field-new_message").get_by_label("Off")).to_be_checked()
    chosen = dict(person.notification_preferences.values_list("kind", "delivery"))
    assert (chosen["new_message"], chosen["quotes"], chosen["listings_digest"]) == (
        "off", "daily", "now"
    )  # fmt: skip

    page.get_by_role("link", name="Choose the categories of your weekly digest").click()
    seeds = leaf("grain-seeds")
    page.locator(f"#category-{seeds.pk}").check()
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".message-success")).to_have_text(str(CATEGORIES_SAVED_MESSAGE))
    assert list(FollowedCategory.objects.values_list("category_id", flat=True)) == [seeds.pk]
    assert NotificationPreference.objects.count() == 5


def test_the_unsubscribe_link_opens_a_page_whose_one_button_withdraws(page):
    person = accept_policy(UserFactory(), marketing=True)

    page.goto(f"/unsubscribe/{unsubscribe_token(user_id=person.pk, campaign_id=1)}/")
    expect(page.locator("main").get_by_role("button")).to_have_count(1)  # no sign-in needed
    page.get_by_role("button", name="Unsubscribe from news and offers").click()

    expect(page.locator(".unsubscribe-outcome")).to_have_text(str(UNSUBSCRIBED_MESSAGE))
    assert not consent_given(purpose=Purpose.MARKETING, user=person)
    event = ConsentEvent.objects.filter(user=person, action="withdraw").get()
    assert event.channel == ConsentEvent.Channel.UNSUBSCRIBE


def test_a_forged_unsubscribe_link_says_that_nothing_changed(page):
    person = accept_policy(UserFactory(), marketing=True)
    token = unsubscribe_token(user_id=person.pk)

    page.goto(f"/unsubscribe/{token[:-4]}abcd/")

    expect(page.locator(".unsubscribe-outcome")).to_have_text(str(INVALID_MESSAGE))
    expect(page.get_by_role("button", name="Unsubscribe from news and offers")).to_have_count(0)
    assert consent_given(purpose=Purpose.MARKETING, user=person)
