"""Messages on an order between its buyer and its seller, and unread counts."""

import pytest
from post_office.models import STATUS, Email

from orders import forms, services
from orders.models import MESSAGE_MAX_LENGTH, OrderMessage
from orders.tests.factories import OrderFactory, OrderMessageFactory

pytestmark = pytest.mark.django_db


def test_a_guest_buyer_writes_through_the_secret_link(client, company):
    order = OrderFactory(company=company, email="guest@example.kz")

    response = client.post(f"/orders/{order.public_id}/messages/", {"body": "Когда отгрузка?"})

    assert response.status_code == 302
    message = OrderMessage.objects.get()
    assert (message.side, message.author, message.author_email) == (
        "buyer", None, "guest@example.kz",
    )  # fmt: skip


def test_the_seller_answers_and_the_buyer_reads_it(seller_client, seller, company, client):
    order = OrderFactory(company=company)

    seller_client.post(f"/seller/orders/{order.pk}/messages/", {"body": "Во вторник."})

    message = OrderMessage.objects.get()
    assert (message.side, message.author) == ("seller", seller)
    assert "Во вторник." in client.get(order.get_absolute_url()).content.decode()


def test_a_signed_in_buyer_writes_as_themselves(buyer_client, buyer, company):
    order = OrderFactory(company=company, buyer=buyer, email=buyer.email)

    buyer_client.post(f"/orders/{order.public_id}/messages/", {"body": "Спасибо"})

    message = OrderMessage.objects.get()
    assert (message.side, message.author, message.author_email) == ("buyer", buyer, "")


def test_an_empty_message_is_refused_at_the_field(client, company):
    order = OrderFactory(company=company)

    response = client.post(f"/orders/{order.public_id}/messages/", {"body": "   "})

    assert response.status_code == 200
    errors = response.context["message_form"].errors["body"]
    assert [str(e) for e in errors] == [str(services.MESSAGE_REQUIRED)]
    assert not OrderMessage.objects.exists()


def test_a_too_long_message_is_refused_and_kept_in_the_form(seller_client, company):
    order = OrderFactory(company=company)
    text = "x" * (MESSAGE_MAX_LENGTH + 1)

    response = seller_client.post(f"/seller/orders/{order.pk}/messages/", {"body": text})

    form = response.context["message_form"]
    expected = forms.MESSAGE_TOO_LONG % {
        "limit_value": MESSAGE_MAX_LENGTH, "show_value": MESSAGE_MAX_LENGTH + 1,
    }  # fmt: skip
    assert [str(e) for e in form.errors["body"]] == [str(expected)]
    assert form["body"].value() == text
    assert not OrderMessage.objects.exists()


def test_messages_are_escaped(seller_client, company, client):
    order = OrderFactory(company=company)
    OrderMessageFactory(order=order, body="<script>alert(1)</script>\nвторая строка")

    page = seller_client.get(f"/seller/orders/{order.pk}/").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>вторая строка" in page


def test_unread_messages_are_counted_in_the_header_until_read(
    company, buyer, client, django_capture_on_commit_callbacks
):
    order = OrderFactory(company=company, buyer=buyer, email=buyer.email)
    services.message_send(order=order, side="seller", body="Счёт готов", author=company.owner)
    services.message_send(order=order, side="seller", body="И акт", author=company.owner)
    client.force_login(buyer)

    assert str(client.get("/cart/").context["unread_messages"]) == "2"
    with django_capture_on_commit_callbacks(execute=True):
        client.get(order.get_absolute_url())
    assert str(client.get("/cart/").context["unread_messages"]) == "0"


def test_a_seller_sees_the_buyers_unread_messages_in_the_header(
    seller_client, company, django_capture_on_commit_callbacks
):
    order = OrderFactory(company=company)
    OrderMessageFactory(order=order, side="buyer")

    response = seller_client.get("/seller/orders/")

    assert str(response.context["unread_messages"]) == "1"
    assert "unread messages" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        seller_client.get(f"/seller/orders/{order.pk}/")
    assert str(seller_client.get("/seller/orders/").context["unread_messages"]) == "0"


def test_own_messages_are_not_unread_for_their_author(buyer_client, buyer, company):
    order = OrderFactory(company=company, buyer=buyer, email=buyer.email)

    buyer_client.post(f"/orders/{order.public_id}/messages/", {"body": "Вопрос"})

    assert str(buyer_client.get("/cart/").context["unread_messages"]) == "0"


def test_a_message_tells_the_other_side_by_e_mail(
    client, company, django_capture_on_commit_callbacks, mailoutbox
):
    order = OrderFactory(company=company)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/orders/{order.public_id}/messages/", {"body": "Вопрос"})

    mail = Email.objects.get()
    assert mail.to == [company.owner.email]
    assert mail.status == STATUS.sent
    assert [m.to for m in mailoutbox] == [[company.owner.email]]
    assert "Вопрос" not in mailoutbox[0].body  # the text stays on the portal
    assert f"/seller/orders/{order.pk}/#messages" in mailoutbox[0].body
