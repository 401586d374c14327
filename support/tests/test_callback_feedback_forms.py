"""The callback and feedback forms: what they take, what they refuse, what they record."""

import pytest

from accounts.tests.factories import UserFactory
from portal.tests.helpers import form_errors
from privacy.hashing import email_hash
from privacy.models import ConsentEvent
from support import forms, texts, views
from support.models import CallbackRequest, Feedback

pytestmark = pytest.mark.django_db


# --- Callback ---------------------------------------------------------------------------------


def _callback_data(**overrides):
    data = {
        "name": "Ерлан",
        "phone": "8 701 234 56 78",
        "preferred_time": "morning",
        "topic": "How to sell on the portal",
        "website": "",
    }
    return {**data, **overrides}


def test_a_guest_callback_keeps_the_statement_on_the_request(client):
    response = client.post("/support/callback/", _callback_data())

    assert response.status_code == 302
    assert response["Location"] == "/support/callback/sent/"
    callback = CallbackRequest.objects.get()
    assert callback.phone.as_e164 == "+77012345678"
    assert callback.consent_text == str(texts.CONSENT_CALLBACK)
    assert ConsentEvent.objects.count() == 0  # the ledger needs a user or an e-mail


def test_a_signed_in_users_callback_consent_goes_to_the_ledger(client):
    user = UserFactory(phone="+77015550000")
    client.force_login(user)

    page = client.get("/support/callback/")
    client.post("/support/callback/", _callback_data())

    assert page.context["form"].initial["phone"] == user.phone
    callback = CallbackRequest.objects.get()
    assert (callback.user, callback.consent_text) == (user, "")
    event = ConsentEvent.objects.get(channel="support")
    assert (event.user, event.text_shown) == (user, str(texts.CONSENT_CALLBACK))


def test_the_callback_form_shows_its_consent_statement(client):
    body = client.get("/support/callback/").content.decode()

    assert str(texts.CONSENT_CALLBACK) in body.replace("&#x27;", "'")
    assert 'href="/privacy/policy/"' in body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "", forms.PHONE_REQUIRED),
        ("phone", "12345", forms.PHONE_INVALID),
        ("phone", "+7 495 123 45 67", forms.PHONE_INVALID),  # Moscow: +7, but not Kazakhstan
        ("phone", "+49 30 1234567", forms.PHONE_INVALID),
        ("name", "", forms.NAME_REQUIRED),
        ("topic", "", forms.TOPIC_REQUIRED),
        ("topic", "t" * 201, forms.TOPIC_TOO_LONG % {"limit_value": 200}),
        ("preferred_time", "midnight", forms.TIME_REQUIRED),
    ],
)
def test_bad_callback_input_is_refused_at_the_field_and_kept(client, field, value, message):
    data = _callback_data(**{field: value})

    response = client.post("/support/callback/", data)

    assert response.status_code == 200
    assert form_errors(response, field) == [str(message)]
    assert CallbackRequest.objects.count() == 0
    assert response.context["form"].data["topic"] == data["topic"]


# --- Feedback ---------------------------------------------------------------------------------


def _feedback_data(**overrides):
    data = {
        "name": "Дана",
        "email": "Dana@Example.kz ",
        "message": "Please add a filter by delivery.",
        "website": "",
    }
    return {**data, **overrides}


def test_a_guests_feedback_is_saved_with_consent_under_the_email(client):
    response = client.post("/support/feedback/", _feedback_data())

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.email == "dana@example.kz"
    event = ConsentEvent.objects.get()
    assert event.subject_hash == email_hash("dana@example.kz")
    assert event.text_shown == str(texts.CONSENT_FEEDBACK)


def test_a_signed_in_users_feedback_is_prefilled_and_consent_is_under_the_account(client):
    user = UserFactory(first_name="Дана", last_name="Ахметова")
    client.force_login(user)

    page = client.get("/support/feedback/")
    client.post("/support/feedback/", _feedback_data(email=user.email))

    assert page.context["form"].initial == {"name": user.get_full_name(), "email": user.email}
    assert Feedback.objects.get().user == user
    assert ConsentEvent.objects.get(channel="support").user == user


def test_the_feedback_form_shows_its_consent_statement(client):
    body = client.get("/support/feedback/").content.decode()

    assert str(texts.CONSENT_FEEDBACK) in body.replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "dana@", forms.EMAIL_INVALID),
        ("email", "", forms.EMAIL_INVALID),
        ("message", "", forms.MESSAGE_REQUIRED),
        ("message", "m" * 2001, forms.TEXT_TOO_LONG % {"limit_value": 2000, "show_value": 2001}),
        ("name", "", forms.NAME_REQUIRED),
    ],
)
def test_bad_feedback_input_is_refused_at_the_field_and_kept(client, field, value, message):
    data = _feedback_data(**{field: value})

    response = client.post("/support/feedback/", data)

    assert response.status_code == 200
    assert form_errors(response, field) == [str(message)]
    assert Feedback.objects.count() == 0
    assert response.context["form"].data["message"] == data["message"]


def test_the_sent_pages_thank_the_person(client):
    for kind in ("complaint", "callback", "feedback"):
        response = client.get(f"/support/{kind}/sent/")
        assert response.status_code == 200
        assert str(views.SENT[kind][0]) in response.content.decode()
