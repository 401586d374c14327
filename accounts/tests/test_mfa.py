"""The way into the admin: allauth's throttled sign-in, then a second factor for staff."""

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    UserFactory,
    accept_policy,
    second_factor_add,
    sign_in_with_second_factor,
    totp_code,
)
from portal.admin_site import STAFF_ENTER_CODE_MESSAGE, STAFF_SET_UP_SECOND_FACTOR_MESSAGE
from portal.tests.helpers import messages_of

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
ADMIN_LOGIN = "/admin/login/?next=/admin/"
TOO_MANY_ATTEMPTS = str(DefaultAccountAdapter.error_messages["too_many_login_attempts"])
TOO_MANY_REQUESTS_TEXT = "Too many attempts were made from your address or for this account."


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@portal.kz", is_staff=True, is_superuser=True)


def test_the_admin_has_no_password_form_of_its_own(client, staff):
    response = client.get(ADMIN_LOGIN)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_a_password_posted_to_the_admin_login_signs_nobody_in(client, staff):
    response = client.post(ADMIN_LOGIN, {"username": staff.email, "password": PASSWORD})

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN).status_code == 302


def test_after_a_few_wrong_passwords_the_right_one_is_refused_with_a_message(client, staff):
    login = f"{reverse('account_login')}?next=/admin/"
    for _ in range(6):
        client.post(login, {"login": staff.email, "password": "wrong-password"})

    response = client.post(login, {"login": staff.email, "password": PASSWORD})

    assert response.status_code == 200
    assert TOO_MANY_ATTEMPTS in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_after_forty_wrong_passwords_the_right_one_is_refused(client, staff):
    login = f"{reverse('account_login')}?next=/admin/"
    for _ in range(40):
        client.post(login, {"login": staff.email, "password": "wrong-password"})

    response = client.post(login, {"login": staff.email, "password": PASSWORD})

    assert response.status_code == 429
    assert TOO_MANY_REQUESTS_TEXT in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN).status_code == 302


def test_the_right_password_signs_staff_in_before_the_limit(client, staff):
    login = f"{reverse('account_login')}?next=/admin/"
    for _ in range(3):
        client.post(login, {"login": staff.email, "password": "wrong-password"})

    response = client.post(login, {"login": staff.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client, staff):
    client.force_login(staff)

    assert client.get(ADMIN)["Location"] == ADMIN_LOGIN
    response = client.get(ADMIN_LOGIN)

    assert response["Location"] == reverse("mfa_activate_totp")
    assert str(STAFF_SET_UP_SECOND_FACTOR_MESSAGE) in messages_of(response)
    assert client.get("/admin/accounts/user/").status_code == 302


def test_staff_who_signed_in_without_the_code_are_asked_for_it(client, staff):
    second_factor_add(staff)
    client.force_login(staff)  # a password sign-in only

    response = client.get(ADMIN_LOGIN)

    assert response["Location"] == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2F"
    assert str(STAFF_ENTER_CODE_MESSAGE) in messages_of(response)
    assert client.get(ADMIN).status_code == 302

    wrong = "000000" if totp_code() != "000000" else "111111"
    client.post(reverse("mfa_reauthenticate"), {"code": wrong, "next": ADMIN})
    assert client.get(ADMIN).status_code == 302

    entered = client.post(reverse("mfa_reauthenticate"), {"code": totp_code(), "next": ADMIN})
    assert entered["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_staff_with_the_second_factor_passed_open_the_admin(client, staff):
    sign_in_with_second_factor(client, staff)

    assert client.get(ADMIN).status_code == 200
    assert client.get(ADMIN_LOGIN)["Location"] == ADMIN


def test_a_signed_in_person_who_is_not_staff_is_refused(client):
    client.force_login(UserFactory())

    assert client.get(ADMIN_LOGIN).status_code == 403


@pytest.mark.django_db(transaction=True)  # allauth tells of the activation after commit
def test_activating_the_app_counts_as_the_second_factor_of_this_session(client, staff):
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    # allauth asks for the password again before the way of signing in changes.
    assert reverse("account_reauthenticate") in client.get(reverse("mfa_activate_totp")).url
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    assert client.get(ADMIN).status_code == 200


def test_anyone_may_turn_it_on_from_the_personal_account(client):
    member = accept_policy(UserFactory())
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    account = client.get(reverse("accounts:overview")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in account
    index = client.get(reverse("mfa_index"))
    assert index.status_code == 200
    assert f'href="{reverse("mfa_activate_totp")}"' in index.content.decode()

    activate = client.get(reverse("mfa_activate_totp"))
    assert 'class="totp-qr"' in activate.content.decode()
    client.post(reverse("mfa_activate_totp"), {"code": "123"})
    assert not Authenticator.objects.filter(user=member).exists()


def test_the_test_code_matches_allauths_own(staff):
    from allauth.mfa.totp.internal.auth import TOTP

    second_factor_add(staff, TOTP_SECRET)
    authenticator = Authenticator.objects.get(user=staff, type="totp")

    assert TOTP(authenticator).validate_code(totp_code(TOTP_SECRET))
