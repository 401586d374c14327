import pytest
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, CompanyFactory, UserFactory
from orders.tests.factories import completed_order
from privacy.models import ConsentEvent, Purpose
from privacy.selectors import policy_current

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _accepted_policy(user):
    policy = policy_current()
    for purpose in Purpose.objects.filter(is_required=True):
        ConsentEvent.objects.create(
            user=user, purpose=purpose, action="grant", channel="signup", text_shown="v1",
            policy_version=policy,
        )  # fmt: skip
    return user


def test_after_a_buyer_deletes_the_account_the_seller_sees_the_order_anonymised(
    signed_in_page,
):
    buyer = _accepted_policy(UserFactory(first_name="Айгерим", last_name="Смагулова"))
    company = CompanyFactory(owner=_accepted_policy(UserFactory()))
    order = completed_order(buyer=buyer, company=company)
    order.full_name = "Смагулова Айгерим"
    order.save(update_fields=["full_name"])
    item = order.items.get()

    page = signed_in_page(buyer)
    page.goto("/account/privacy/delete/")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    page.context.close()

    desk = signed_in_page(company.owner)
    desk.goto(f"/seller/orders/{order.pk}/")

    expect(desk.get_by_role("heading", level=1)).to_contain_text(order.number)
    body = desk.locator("main").inner_text()
    assert "Смагулова" not in body
    assert buyer.email not in body
    assert item.title in body  # the lines and totals stay for accounting
    buyer.refresh_from_db()
    assert buyer.email == f"erased-{buyer.pk}@invalid"
    assert desk.errors == []
