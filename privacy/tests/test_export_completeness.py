import json

import pytest

from accounts.tests.factories import CompanyFactory, UserFactory
from orders.services import message_send, order_confirm
from orders.tests.factories import OrderFactory, OrderItemFactory
from privacy.erasure import subjects_of_users
from privacy.export import subject_export
from privacy.registry import ExportEncoder, registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(django_capture_on_commit_callbacks):
    """A buyer's confirmed order from a seller, with messages of both and their e-mails."""
    seller = CompanyFactory(contact_email="sales@agro.kz")
    buyer = UserFactory(email="buyer@mail.kz")
    order = OrderFactory(buyer=buyer, company=seller, email=buyer.email)
    OrderItemFactory(order=order, title="Семена пшеницы", quantity=3)
    with django_capture_on_commit_callbacks(execute=True):
        message_send(order=order, side="buyer", body="Когда отгрузка?", author=buyer)
        message_send(order=order, side="seller", body="В пятницу.", author=seller.owner)
        order_confirm(order=order, actor=seller.owner, final_total=100)
    return buyer, seller, order


def test_a_buyers_export_carries_no_data_of_the_seller(deal):
    buyer, seller, _order = deal

    rows = subject_export(subjects=subjects_of_users([buyer.pk]))
    export = json.dumps(rows, cls=ExportEncoder, ensure_ascii=False)

    assert buyer.email in export
    assert "Когда отгрузка?" in export  # the buyer's own words
    assert "В пятницу." not in export  # the seller's words are the seller's
    assert seller.owner.email not in export
    assert seller.contact_email not in export
    assert seller.owner.last_name not in export


def test_the_export_holds_every_source_and_the_lines_of_each_order(deal):
    buyer, _seller, order = deal

    export = subject_export(subjects=subjects_of_users([buyer.pk]))

    assert set(export) == {source.key for source in registry.sources()}
    [row] = export["orders.order"]["rows"]
    assert row["number"] == order.number
    assert [(line["title"], line["quantity"]) for line in row["items"]] == [("Семена пшеницы", 3)]
