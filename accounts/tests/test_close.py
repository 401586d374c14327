import pytest
from django.test import Client

from accounts.forms import PASSWORD_WRONG_MESSAGE
from accounts.tests.factories import PASSWORD, UserFactory, accept_policy
from accounts.views import TOO_MANY_ATTEMPTS_MESSAGE
from privacy.models import ConsentEvent, DataRequest, Purpose
from privacy.selectors import consent_current

pytestmark = pytest.mark.django_db

DELETE_URL = "/account/privacy/delete/"


def test_the_delete_page_asks_for_the_password(member_client):
    html = member_client.get(DELETE_URL).content.decode()

    assert 'name="password"' in html
    assert 'type="password"' in html


def test_a_wrong_password_closes_nothing(member_client, member):
    response = member_client.post(DELETE_URL, {"password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].errors["password"] == [str(PASSWORD_WRONG_MESSAGE)]
    member.refresh_from_db()
    assert member.is_active
    assert not DataRequest.objects.exists()


def test_deleting_deactivates_at_once_and_opens_a_verified_erasure_request(member_client, member):
    response = member_client.post(DELETE_URL, {"password": PASSWORD})

    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    request = DataRequest.objects.get(user=member)
    assert request.kind == DataRequest.Kind.ERASURE
    assert request.status == DataRequest.Status.VERIFIED
    assert request.verified_at is not None
    assert request.email == member.email


def test_deleting_ends_every_session_of_the_account(member, client):
    elsewhere = Client()
    assert elsewhere.login(email=member.email, password=PASSWORD)
    assert elsewhere.get("/account/").status_code == 200
    client.login(email=member.email, password=PASSWORD)

    client.post(DELETE_URL, {"password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert client.get("/account/").status_code == 302
    response = elsewhere.get("/account/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_after_deleting_the_account_the_user_cannot_sign_in(member_client, member, client):
    member_client.post(DELETE_URL, {"password": PASSWORD})

    response = Client().post("/accounts/login/", {"login": member.email, "password": PASSWORD})

    assert "_auth_user_id" not in response.wsgi_request.session
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response.url != "/"


def test_deleting_withdraws_every_consent_still_given(member_client, member):
    accept_policy(member, marketing=True)

    member_client.post(DELETE_URL, {"password": PASSWORD})

    current = consent_current(user=member)
    assert current
    assert not any(event.granted for event in current.values())


def test_withdrawing_a_required_consent_asks_for_confirmation_first(member_client, member):
    response = member_client.get("/account/privacy/withdraw/service/")

    assert response.status_code == 200
    assert "close" in response.content.decode().lower()
    member.refresh_from_db()
    assert member.is_active


def test_withdrawing_a_required_consent_closes_the_account_and_records_the_withdrawal(
    member_client, member
):
    response = member_client.post("/account/privacy/withdraw/service/", {"password": PASSWORD})

    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    event = ConsentEvent.objects.filter(user=member, purpose__code=Purpose.SERVICE).first()
    assert event.action == ConsentEvent.Action.WITHDRAW
    assert "I withdraw my consent" in event.text_shown
    request = DataRequest.objects.get(user=member)
    assert (request.kind, request.status) == (
        DataRequest.Kind.ERASURE,
        DataRequest.Status.VERIFIED,
    )


@pytest.mark.parametrize("code", ["marketing", "orders", "nonsense"])
def test_the_closing_page_exists_only_for_required_purposes(member_client, code):
    assert member_client.get(f"/account/privacy/withdraw/{code}/").status_code == 404


def test_password_guessing_on_the_delete_page_is_rate_limited(member_client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {"reauthenticate": "3/m/user"}
    for _attempt in range(3):
        member_client.post(DELETE_URL, {"password": "wrong"})

    response = member_client.post(DELETE_URL, {"password": PASSWORD})

    assert str(TOO_MANY_ATTEMPTS_MESSAGE) in response.context["form"].errors["password"]
    member.refresh_from_db()
    assert member.is_active


def test_closing_one_account_leaves_others_alone(member_client, member):
    other = UserFactory()

    member_client.post(DELETE_URL, {"password": PASSWORD})

    other.refresh_from_db()
    assert other.is_active
    assert other.has_usable_password()
