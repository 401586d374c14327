import pytest

from listings.tests.factories import ReviewFactory
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def test_seller_page_links_to_prefilled_complaints_about_the_seller_and_each_review(client):
    review = ReviewFactory()
    company = review.company

    html = client.get(f"/sellers/{company.pk}/").content.decode()

    assert f"/support/complaint/?seller={company.pk}" in html
    assert f"/support/complaint/?review={review.pk}" in html
    for query in (f"seller={company.pk}", f"review={review.pk}"):
        assert client.get(f"/support/complaint/?{query}").status_code == 200


def test_a_guest_order_page_links_to_a_complaint_about_the_order(client):
    order = OrderFactory(buyer=None)

    html = client.get(f"/orders/{order.public_id}/").content.decode()

    assert f"/support/complaint/?order={order.public_id}" in html
