import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.forms import (
    ACCEPT_POLICY_REQUIRED_MESSAGE,
    ACCEPT_TERMS_REQUIRED_MESSAGE,
    AGE_LABEL,
    CONFIRM_AGE_REQUIRED_MESSAGE,
    MARKETING_LABEL,
    NAME_REQUIRED_MESSAGE,
)
from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory, published_policy
from accounts.validators import PHONE_INVALID_MESSAGE, PHONE_NOT_KZ_MESSAGE
from privacy.models import Acceptance, ConsentEvent, Purpose
from privacy.selectors import document_current

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/accounts/signup/"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chromium/120"


def signup_data(**overrides):
    data = {
        "email": "aigerim@example.kz",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Aigerim",
        "last_name": "Nurlanova",
        "patronymic": "",
        "phone": "+7 701 234 5678",
        "accept_privacy_policy": "on",
        "accept_terms": "on",
        "confirm_age": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post_signup(client, **overrides):
    return client.post(
        SIGNUP_URL, signup_data(**overrides), REMOTE_ADDR="85.29.130.77", HTTP_USER_AGENT=BROWSER
    )


def test_signup_form_has_exactly_the_fields_of_the_public_contract(client):
    response = client.get(SIGNUP_URL)

    assert list(response.context["form"].fields) == [
        "email",
        "password1",
        "password2",
        "first_name",
        "last_name",
        "patronymic",
        "phone",
        "accept_privacy_policy",
        "accept_terms",
        "confirm_age",
        "marketing_opt_in",
    ]


def test_signup_page_links_the_policy_in_force_and_leaves_marketing_unticked(client):
    policy = published_policy()

    response = client.get(SIGNUP_URL)

    html = response.content.decode()
    assert 'href="/privacy/policy/"' in html
    assert f"version {policy.version}" in html
    form = response.context["form"]
    assert form["marketing_opt_in"].value() in (None, False)
    assert 'name="marketing_opt_in"' in html
    assert 'name="marketing_opt_in" checked' not in html


def test_signup_without_accepting_the_policy_is_refused_at_the_field_and_creates_nothing(client):
    response = post_signup(client, accept_privacy_policy=None, marketing_opt_in="on")

    assert response.status_code == 200
    assert response.context["form"].errors["accept_privacy_policy"] == [
        str(ACCEPT_POLICY_REQUIRED_MESSAGE)
    ]
    assert str(ACCEPT_POLICY_REQUIRED_MESSAGE) in response.content.decode()
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
    assert not ConsentEvent.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("confirm_age", CONFIRM_AGE_REQUIRED_MESSAGE),
        ("accept_terms", ACCEPT_TERMS_REQUIRED_MESSAGE),
    ],
)
def test_signup_without_the_age_or_the_terms_is_refused_at_the_field_and_saves_nothing(
    client, field, message
):
    response = post_signup(client, **{field: None})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [str(message)]
    assert str(message) in response.content.decode()
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
    assert not ConsentEvent.objects.exists()
    assert not Acceptance.objects.exists()
    assert mail.outbox == []


def test_signup_states_the_age_and_links_the_terms_and_rules_in_force(client):
    html = client.get(SIGNUP_URL).content.decode()

    assert "Dala Market is for people aged 18 and over." in html
    assert 'href="/terms/"' in html
    assert 'href="/rules/"' in html
    assert "user agreement (version 1)" in html


def test_signup_records_the_terms_the_rules_and_the_age_with_the_words_shown(client):
    post_signup(client)

    user = User.objects.get(email="aigerim@example.kz")
    rows = {row.statement: row for row in Acceptance.objects.filter(user=user)}
    assert set(rows) == {"terms", "rules", "age"}
    assert rows["terms"].document_version == document_current(document="terms")
    assert rows["rules"].document_version == document_current(document="rules")
    assert rows["age"].document_version is None
    assert rows["age"].text_shown == str(AGE_LABEL)
    assert "user agreement (version 1)" in rows["terms"].text_shown
    assert "<a" not in rows["terms"].text_shown
    assert {row.language for row in rows.values()} == {"en"}
    assert rows["terms"].ip_truncated == "85.29.130.0"


def test_signup_in_kazakh_records_kazakh_words_and_the_language(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    post_signup(client)

    user = User.objects.get(email="aigerim@example.kz")
    assert user.language == "kk"
    event = ConsentEvent.objects.filter(user=user).first()
    assert event.language == "kk"
    assert "құпиялылық саясаты" in event.text_shown.lower() or "саясат" in event.text_shown
    age = Acceptance.objects.get(user=user, statement="age")
    assert age.text_shown == "Менің 18 жасқа толғанымды немесе одан үлкен екенімді растаймын."


def test_signup_records_consent_to_every_required_purpose_with_policy_text_ip_and_agent(client):
    policy = published_policy()

    response = post_signup(client)

    assert response.status_code == 302
    user = User.objects.get(email="aigerim@example.kz")
    events = ConsentEvent.objects.filter(user=user)
    required = set(Purpose.objects.filter(is_required=True).values_list("code", flat=True))
    assert required
    assert {e.purpose.code for e in events} == required
    for event in events:
        assert event.action == ConsentEvent.Action.GRANT
        assert event.channel == ConsentEvent.Channel.SIGNUP
        assert event.policy_version == policy
        assert f"privacy policy (version {policy.version})" in event.text_shown
        assert "<a" not in event.text_shown
        assert event.ip_truncated == "85.29.130.0"
        assert event.user_agent == BROWSER


def test_signup_records_marketing_only_when_ticked(client):
    post_signup(client, email="no-mail@example.kz")
    post_signup(client, email="yes-mail@example.kz", marketing_opt_in="on")

    def marketing(email):
        return ConsentEvent.objects.filter(user__email=email, purpose__code=Purpose.MARKETING)

    assert not marketing("no-mail@example.kz").exists()
    event = marketing("yes-mail@example.kz").get()
    assert event.granted
    assert event.text_shown == str(MARKETING_LABEL)


def test_signup_saves_the_person_and_stores_the_phone_in_e164(client):
    post_signup(client, patronymic="Serikovna", phone="8 (701) 234-56-78")

    user = User.objects.get(email="aigerim@example.kz")
    assert (user.first_name, user.last_name, user.patronymic) == (
        "Aigerim",
        "Nurlanova",
        "Serikovna",
    )
    assert user.phone.as_e164 == "+77012345678"
    assert User.objects.filter(phone="+77012345678").exists()
    assert user.check_password(PASSWORD)
    assert user.last_interaction_at is not None


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("+7 495 123 4567", PHONE_NOT_KZ_MESSAGE),  # Moscow: +7 but not Kazakhstan
        ("+1 202 555 0143", PHONE_NOT_KZ_MESSAGE),
        ("12345", PHONE_INVALID_MESSAGE),
        ("not a phone", PHONE_INVALID_MESSAGE),
    ],
)
def test_signup_refuses_a_phone_that_is_not_a_kazakhstan_number(client, phone, message):
    response = post_signup(client, phone=phone)

    assert response.context["form"].errors["phone"] == [str(message)]
    assert not User.objects.exists()


def test_signup_refuses_missing_names_at_their_fields_and_keeps_what_was_typed(client):
    response = post_signup(client, first_name="", last_name="  ")

    errors = response.context["form"].errors
    assert errors["first_name"] == [str(NAME_REQUIRED_MESSAGE)]
    assert errors["last_name"] == [str(NAME_REQUIRED_MESSAGE)]
    assert 'value="aigerim@example.kz"' in response.content.decode()
    assert not User.objects.exists()


def test_signup_sends_a_confirmation_link_and_does_not_sign_in_before_it_is_followed(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        response = post_signup(client)

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not EmailAddress.objects.get(email="aigerim@example.kz").verified
    assert client.get("/account/").status_code == 302


def test_an_unconfirmed_user_cannot_sign_in_until_the_address_is_confirmed(client):
    UserFactory(email="late@example.kz", verified=False)
    EmailAddress.objects.create(
        user=User.objects.get(email="late@example.kz"), email="late@example.kz", primary=True
    )

    response = client.post("/accounts/login/", {"login": "late@example.kz", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_signup_with_a_taken_email_creates_no_second_account(client):
    UserFactory(email="aigerim@example.kz")

    post_signup(client)

    assert User.objects.filter(email__iexact="aigerim@example.kz").count() == 1
