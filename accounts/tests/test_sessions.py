import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client

from accounts import services
from accounts.tests.factories import PASSWORD, UserFactory
from privacy.erasure import subjects_erase, subjects_of_users

pytestmark = pytest.mark.django_db


def _sign_in(user):
    """Sign in through allauth's form, as a browser does (it records the session)."""
    response = Client().post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def _signed_in_twice(user):
    for _ in range(2):  # a phone and a laptop
        _sign_in(user)


def test_closing_the_account_ends_every_session_on_every_device():
    user = UserFactory()
    _signed_in_twice(user)
    assert UserSession.objects.filter(user=user).count() == 2

    services.account_close(user=user)

    assert not UserSession.objects.filter(user=user).exists()
    assert Session.objects.count() == 0


def test_erasure_removes_the_sessions_and_their_ip_records():
    user = UserFactory()
    other = UserFactory()
    _signed_in_twice(user)
    _sign_in(other)

    result = subjects_erase(subjects=subjects_of_users([user.pk]))

    assert result.counts["usersessions.usersession"] == 2
    assert not UserSession.objects.filter(user=user).exists()
    assert UserSession.objects.filter(user=other).count() == 1
    assert Session.objects.count() == 1
