"""Names that go into e-mail headers: a CR/LF in a company name no longer stops the mail."""

import pytest

from orders import services
from orders.models import Order, OutgoingMail
from orders.tests.conftest import send_order
from privacy.mail import header_text

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
        ("a" * 300, "a" * 255),
    ],
)
def test_header_text_is_one_safe_line(value, expected):
    assert header_text(value) == expected


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
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}


def test_the_outbox_stores_a_subject_on_one_line(company):
    mail = services.mail_queue(to="a@example.kz", subject="Hello\r\nBcc: b@example.kz", body=".")

    assert mail.subject == "Hello Bcc: b@example.kz"


def test_a_mail_queued_before_the_fix_is_sent_with_its_subject_on_one_line(mailoutbox):
    mail = OutgoingMail.objects.create(
        to_email="buyer@example.kz", subject=f"Your order 2026-000001 to {INJECTED}", body="."
    )

    assert services.mail_send(mail_id=mail.pk) is True

    assert mailoutbox[0].subject == "Your order 2026-000001 to TOO Agro Bcc: everyone@example.kz"
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
