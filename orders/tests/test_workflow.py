"""The order workflow has one home (Order.ALLOWED_FROM): the services enforce it, and the
seller's desk offers exactly the steps it allows."""

import pytest

from orders import services
from orders.models import Order
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db

STEPS = {
    "confirm": lambda order: services.order_confirm(
        order=order, actor=order.company.owner, final_total=100
    ),
    "ship": lambda order: services.order_ship(order=order, actor=order.company.owner),
    "complete": lambda order: services.order_complete(order=order, actor=order.company.owner),
    "cancel": lambda order: services.order_cancel(
        order=order, actor=order.company.owner, reason="Нет товара"
    ),
}


def test_the_workflow_goes_new_confirmed_shipped_completed_and_cancels_before_shipping():
    allowed = {
        status: {step for step in STEPS if getattr(Order(status=status), f"can_{step}")}
        for status in Order.Status.values
    }

    assert allowed == {
        "new": {"confirm", "cancel"},
        "confirmed": {"ship", "cancel"},
        "shipped": {"complete"},
        "completed": set(),
        "cancelled": set(),
    }


@pytest.mark.parametrize("status", Order.Status.values)
@pytest.mark.parametrize("step", STEPS)
def test_the_service_takes_a_step_exactly_when_the_order_says_it_can(status, step):
    order = OrderFactory(status=status)
    allowed = getattr(order, f"can_{step}")

    try:
        STEPS[step](order)
    except services.OrderError:
        taken = False
    else:
        taken = True

    assert taken is allowed


@pytest.mark.parametrize("status", Order.Status.values)
def test_the_desk_page_offers_the_steps_the_order_allows(seller_client, company, status):
    order = OrderFactory(company=company, status=status)

    html = seller_client.get(f"/seller/orders/{order.pk}/").content.decode()

    offered = {step for step in STEPS if f'name="action" value="{step}"' in html}
    assert offered == {step for step in STEPS if getattr(order, f"can_{step}")}
    assert ("This order is closed." in html) is not (
        order.can_confirm or order.can_ship or order.can_complete
    )
