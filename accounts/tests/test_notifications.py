"""The e-mails a person chooses (/account/notifications/), and the senders that ask."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import NotificationDigestItem, NotificationPreference
from accounts.notifications import Kind, notification_wanted
from accounts.notifications.kinds import REQUIRED
from accounts.notifications.services import DIGEST_SUBJECT, notification_digest_send
from accounts.tests.factories import UserFactory, accept_policy
from accounts.views import NOTIFICATIONS_SAVED_MESSAGE
from deals.services.conversations import conversation_ask
from listings.tests.factories import ListingFactory
from orders import services as orders
from orders.models import Order
from orders.tests.conftest import ORDER_FORM, send_order
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db
URL = "/account/notifications/"


@pytest.fixture
def listing(seller):
    return ListingFactory(company=seller.company, price=1_000_000, title="Сеялка")


def _switch(user, kind, delivery):
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": delivery}
    )


def test_the_url_is_the_public_contracts():
    assert reverse("accounts:notifications") == URL


def test_the_page_lists_the_choices_and_what_cannot_be_switched_off_with_why(
    member_client, django_assert_max_num_queries
):
    # The page's own: the choices, the consent; the rest is every signed-in page's (session,
    # user, policy, header counts, whether analytics may load for a restricted person).
    with django_assert_max_num_queries(15):
        response = member_client.get(URL)

    body = response.content.decode()
    for label in ("New messages", "Order status", "Quotes", "Weekly digest of new listings",
                  "News and offers", "In a daily digest"):  # fmt: skip
        assert label in body
    for info in REQUIRED:
        assert str(info.label) in body
        assert str(info.required_because).replace("’", "&#x27;")[:40] in body
    assert reverse("mailings:categories") in body
    assert f'href="{URL}" aria-current="page"' in body


def test_a_guest_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_choices_are_saved_for_the_signed_in_person_only(member_client, member):
    other = UserFactory()
    data = {"new_message": "off", "order_status": "daily", "quotes": "now",
            "listings_digest": "now", "news": "off"}  # fmt: skip

    response = member_client.post(URL, {**data, "user": other.pk}, follow=True)

    assert str(NOTIFICATIONS_SAVED_MESSAGE) in response.content.decode()
    assert dict(member.notification_preferences.values_list("kind", "delivery")) == data
    assert not other.notification_preferences.exists()


def test_a_bad_choice_is_refused_at_its_field_and_nothing_is_saved(member_client, member):
    data = {"new_message": "daily", "order_status": "daily", "quotes": "now",
            "listings_digest": "daily", "news": "weekly"}  # fmt: skip

    response = member_client.post(URL, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"listings_digest", "news"}
    assert 'id="field-news"' in response.content.decode()
    assert not member.notification_preferences.exists()


def test_what_the_law_or_a_contract_requires_cannot_be_switched_off(member):
    for info in REQUIRED:
        NotificationPreference.objects.create(user=member, kind=info.code, delivery="off")

    assert all(notification_wanted(member, info.code) for info in REQUIRED)


def test_switching_off_new_messages_stops_them_and_the_order_confirmation_still_arrives(
    client, seller, listing, django_capture_on_commit_callbacks, mailoutbox
):
    buyer = accept_policy(UserFactory(email="erlan.akhmetov@example.kz"))
    _switch(buyer, Kind.NEW_MESSAGE, "off")
    _switch(seller, Kind.NEW_MESSAGE, "off")
    client.force_login(buyer)
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "1"})

    with django_capture_on_commit_callbacks(execute=True):
        send_order(client, seller.company, dict(ORDER_FORM))
    order = Order.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        orders.message_send(order=order, side="seller", body="Отгрузим завтра.")
        orders.message_send(order=order, side="buyer", body="Спасибо.", author=buyer)
        conversation = conversation_ask(user=buyer, listing=listing, body="Есть в наличии?")
    with django_capture_on_commit_callbacks(execute=True):
        orders.order_confirm(order=order, actor=seller, final_total=900_000)

    subjects = sorted(m.subject for m in mailoutbox)
    assert subjects == sorted([
        f"New order {order.number}",
        f"Your order {order.number} to {seller.company.name}",
        f"Order {order.number}: Confirmed",
    ])  # fmt: skip
    assert conversation.messages.count() == 1
    confirmation = next(m for m in mailoutbox if m.subject.endswith("Confirmed"))
    assert confirmation.to == [order.email]
    assert URL in confirmation.body  # every notification links to the choices


def test_with_new_messages_on_the_message_arrives_with_the_link_to_the_choices(
    seller, django_capture_on_commit_callbacks, mailoutbox
):
    buyer = accept_policy(UserFactory())
    order = OrderFactory(company=seller.company, buyer=buyer, email=buyer.email)

    with django_capture_on_commit_callbacks(execute=True):
        orders.message_send(order=order, side="seller", body="Отгрузим завтра.")

    (mail,) = mailoutbox
    assert mail.to == [buyer.email]
    assert URL in mail.body
    assert "switched on in your account" in mail.body


def test_order_status_can_be_off_but_the_confirmation_and_cancellation_are_sent(
    seller, django_capture_on_commit_callbacks, mailoutbox
):
    buyer = accept_policy(UserFactory())
    _switch(buyer, Kind.ORDER_STATUS, "off")
    order = OrderFactory(company=seller.company, buyer=buyer, email=buyer.email)

    with django_capture_on_commit_callbacks(execute=True):
        order = orders.order_confirm(order=order, actor=seller, final_total=500)
        order = orders.order_ship(order=order, actor=seller)
        orders.order_complete(order=order, actor=seller)

    assert [m.subject for m in mailoutbox] == [f"Order {order.number}: Confirmed"]


def test_a_guests_mails_are_sent_as_before(seller, django_capture_on_commit_callbacks, mailoutbox):
    order = OrderFactory(company=seller.company, email="guest@example.kz")

    with django_capture_on_commit_callbacks(execute=True):
        orders.order_ship(order=orders.order_confirm(order=order, actor=seller, final_total=5),
                          actor=seller)  # fmt: skip

    assert len(mailoutbox) == 2
    assert all(URL not in m.body for m in mailoutbox)  # a guest has no account to go to


def test_a_daily_choice_holds_the_mail_for_one_digest_a_day(
    seller, django_capture_on_commit_callbacks, mailoutbox
):
    buyer = accept_policy(UserFactory(language="kk"))
    _switch(buyer, Kind.NEW_MESSAGE, "daily")
    order = OrderFactory(company=seller.company, buyer=buyer, email=buyer.email)

    with django_capture_on_commit_callbacks(execute=True):
        orders.message_send(order=order, side="seller", body="Бірінші.")
        orders.message_send(order=order, side="seller", body="Екінші.")
    assert mailoutbox == []
    assert NotificationDigestItem.objects.filter(user=buyer).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert notification_digest_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert notification_digest_send() == 0

    (digest,) = mailoutbox
    assert digest.to == [buyer.email]
    assert digest.body.count(f"/orders/{order.public_id}/#messages") == 2
    assert URL in digest.body
    with translation.override("kk"):
        assert digest.subject == str(DIGEST_SUBJECT % {"n": 2})
    assert not NotificationDigestItem.objects.exists()
