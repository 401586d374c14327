"""The whole story of an erasure that waits for an open order, in the browser."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, CompanyFactory, UserFactory, accept_policy
from orders.models import Order
from orders.tests.factories import OrderFactory, OrderItemFactory
from privacy.sweep import retention_sweep
from privacy.texts import ERASURE_DONE_SUBJECT, ERASURE_WAITING_SUBJECT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOTICE = "The buyer has asked for their personal data to be erased."


def test_a_buyer_with_a_confirmed_order_deletes_the_account_and_the_seller_delivers_first(
    signed_in_page, live_server, settings
):
    settings.SITE_URL = live_server.url
    buyer = accept_policy(UserFactory(email="aigerim@mail.kz", language="en"))
    company = CompanyFactory(owner=accept_policy(UserFactory()))
    order = OrderFactory(
        buyer=buyer, company=company, email=buyer.email, full_name="Смагулова Айгерим",
        phone="+77019998877", status=Order.Status.CONFIRMED, final_total=100,
    )  # fmt: skip
    OrderItemFactory(order=order, title="Семена пшеницы")

    # The buyer deletes the account: it closes at once; the buyer is told what is kept.
    page = signed_in_page(buyer)
    page.goto("/account/privacy/delete/")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    page.context.close()
    buyer.refresh_from_db()
    assert not buyer.is_active
    [waiting] = [m for m in mail.outbox if m.subject == str(ERASURE_WAITING_SUBJECT)]
    assert waiting.to == ["aigerim@mail.kz"]
    assert "until the order is completed or cancelled" in waiting.body

    # The seller still sees the contact data, and why they are still there.
    desk = signed_in_page(company.owner)
    desk.goto(f"/seller/orders/{order.pk}/")
    buyer_card = desk.locator("section", has=desk.get_by_role("heading", name="Buyer"))
    expect(buyer_card).to_contain_text("Смагулова Айгерим")
    expect(buyer_card).to_contain_text("aigerim@mail.kz")
    expect(desk.get_by_test_id("erasure-waiting")).to_contain_text(NOTICE)

    # The seller ships and completes the order.
    desk.get_by_role("button", name="Mark as shipped").click()
    expect(desk.get_by_test_id("order-status")).to_have_text("Shipped")
    desk.get_by_role("button", name="Mark as completed").click()
    expect(desk.get_by_test_id("order-status")).to_have_text("Completed")
    expect(buyer_card).to_contain_text("Смагулова Айгерим")  # until the next run

    # The next daily run erases the contact data and tells the buyer.
    retention_sweep()

    desk.reload()
    expect(desk.get_by_role("heading", level=1)).to_contain_text(order.number)
    body = desk.locator("main").inner_text()
    assert "Смагулова" not in body
    assert "aigerim@mail.kz" not in body
    assert "Семена пшеницы" in body  # the lines and totals stay for accounting
    expect(desk.get_by_test_id("erasure-waiting")).to_have_count(0)
    [done] = [m for m in mail.outbox if m.subject == str(ERASURE_DONE_SUBJECT)]
    assert done.to == ["aigerim@mail.kz"]
    assert desk.errors == []
