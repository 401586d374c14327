"""Names that go into e-mail headers: a CR/LF in a company name no longer stops the mail."""

import pytest
from post_office.models import STATUS, Email

from orders.models import Order
from orders.tests.conftest import send_order
from outbox.services import header_safe, mail_queue

pytestmark = pytest.mark.django_db

INJECTED = "TOO Agro\r\nBcc: everyone@example.kz"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("TOO Agro\r\nBcc: x@example.kz", "TOO Agro Bcc: x@example.kz"),
        ("line\nbreak", "line break"),
        ("carriage\rreturn", "carriage return"),
        ("nul\x00byte", "nul byte"),
        ("separators\u2028and\u2029more\x85end", "separators and more end"),
        ("  tabs\tand   spaces  ", "tabs and spaces"),
        ("ТОО «Береке» — семена", "ТОО «Береке» — семена"),
    ],
)
def test_header_text_is_one_safe_line(value, expected):
    assert header_safe(value) == expected


def test_a_company_name_with_a_line_break_still_gets_the_buyer_their_order_mail(
    client, company, listing, order_form, django_capture_on_commit_callbacks, mailoutbox
):
    company.name = INJECTED
    company.save(update_fields=["name"])
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "2"})

    with django_capture_on_commit_callbacks(execute=True):
        send_order(client, company, order_form)

    order = Order.objects.get()
    to_buyer = next(m for m in mailoutbox if m.to == ["erlan.akhmetov@example.kz"])
    assert to_buyer.subject == f"Your order {order.number} to TOO Agro Bcc: everyone@example.kz"
    assert f"/orders/{order.public_id}/" in to_buyer.body
    assert to_buyer.message()["Bcc"] is None  # no header was injected
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_the_outbox_stores_a_subject_on_one_line(company):
    mail = mail_queue(to="a@example.kz", subject="Hello\r\nBcc: b@example.kz", body=".")

    assert mail.subject == "Hello Bcc: b@example.kz"
