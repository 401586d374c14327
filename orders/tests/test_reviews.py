"""Only a buyer with a completed order from a seller may review them."""

import pytest

from accounts.tests.factories import CompanyFactory
from listings import services as listing_services
from listings.models import Review
from orders.services import REVIEW_NEEDS_COMPLETED_ORDER, review_needs_completed_order
from orders.tests.factories import OrderFactory, completed_order

pytestmark = pytest.mark.django_db


def test_the_rule_is_plugged_into_listings_once():
    assert listing_services.REVIEW_RULES.count(review_needs_completed_order) == 1


def test_a_buyer_without_orders_from_the_seller_may_not_review(buyer):
    eligibility = listing_services.review_eligibility(user=buyer, company=CompanyFactory())

    assert not eligibility.allowed
    assert eligibility.reason == REVIEW_NEEDS_COMPLETED_ORDER


@pytest.mark.parametrize("status", ["new", "confirmed", "shipped", "cancelled"])
def test_an_order_that_is_not_completed_is_not_enough(buyer, status):
    order = OrderFactory(buyer=buyer, status=status)

    eligibility = listing_services.review_eligibility(user=buyer, company=order.company)

    assert eligibility.reason == REVIEW_NEEDS_COMPLETED_ORDER


def test_a_completed_order_from_another_seller_is_not_enough(buyer):
    completed_order(buyer=buyer, company=CompanyFactory())

    eligibility = listing_services.review_eligibility(user=buyer, company=CompanyFactory())

    assert not eligibility.allowed


def test_a_buyer_with_a_completed_order_reviews_the_seller(buyer_client, buyer):
    company = CompanyFactory()
    completed_order(buyer=buyer, company=company)

    response = buyer_client.post(
        f"/sellers/{company.pk}/review/", {"rating": "5", "text": "Всё вовремя"}
    )

    assert response.status_code == 302
    assert Review.objects.filter(author=buyer, company=company).exists()


def test_a_guest_order_under_the_same_email_does_not_count(buyer):
    order = OrderFactory(email=buyer.email, completed=True)

    eligibility = listing_services.review_eligibility(user=buyer, company=order.company)

    assert not eligibility.allowed
