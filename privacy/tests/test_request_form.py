"""The public data-request form: one's own erasure needs the password; floods are refused."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory, accept_policy
from portal.tests.helpers import messages_of
from privacy.models import ConsentEvent, DataRequest
from privacy.views import ERASURE_NEEDS_PASSWORD_MESSAGE, REQUEST_RATE_LIMITED_MESSAGE

pytestmark = pytest.mark.django_db

URL = "/privacy/request/"


def _submit(client, django_capture_on_commit_callbacks, ip="10.0.0.1", **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, {"kind": "access", "details": "", **data}, REMOTE_ADDR=ip)


def test_a_signed_in_persons_erasure_of_their_account_asks_for_the_password(
    client, django_capture_on_commit_callbacks
):
    user = accept_policy(UserFactory(), marketing=True)
    client.force_login(user)

    response = _submit(client, django_capture_on_commit_callbacks, kind="erasure",
                       email=user.email.upper())  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:delete")
    messages = messages_of(response)
    assert str(ERASURE_NEEDS_PASSWORD_MESSAGE) in messages
    assert not DataRequest.objects.exists()
    user.refresh_from_db()
    assert user.is_active


def test_the_erasure_then_records_the_withdrawal_of_every_consent(
    client, django_capture_on_commit_callbacks
):
    user = accept_policy(UserFactory(), marketing=True)
    granted = set(ConsentEvent.objects.filter(user=user).values_list("purpose__code", flat=True))
    client.force_login(user)
    _submit(client, django_capture_on_commit_callbacks, kind="erasure", email=user.email)

    refused = client.post(reverse("accounts:delete"), {"password": "not-my-password"})
    assert refused.status_code == 200
    user.refresh_from_db()
    assert user.is_active

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:delete"), {"password": PASSWORD})

    erasure = DataRequest.objects.get(kind="erasure")
    assert erasure.user_id == user.pk
    withdrawn = ConsentEvent.objects.filter(user_id=user.pk, action="withdraw")
    assert set(withdrawn.values_list("purpose__code", flat=True)) == granted
    user.refresh_from_db()
    assert not user.is_active


def test_a_signed_in_persons_erasure_request_about_another_address_is_confirmed_by_email(
    client, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory())

    response = _submit(client, django_capture_on_commit_callbacks, kind="erasure",
                       email="old.address@mail.kz")  # fmt: skip

    assert response["Location"] == reverse("privacy:request_sent")
    assert DataRequest.objects.get().status == "new"
    assert [m.to for m in mail.outbox] == [["old.address@mail.kz"]]


def test_requests_about_one_address_are_limited_whatever_the_ip(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PRIVACY_REQUEST_RATE_PER_ADDRESS = "3/h"
    for n in range(3):
        _submit(client, django_capture_on_commit_callbacks, ip=f"10.0.{n}.1", email="v@mail.kz")

    response = _submit(client, django_capture_on_commit_callbacks, ip="10.9.9.9",
                       email="V@Mail.kz", details="Please")  # fmt: skip

    assert response.status_code == 429
    html = response.content.decode()
    assert str(REQUEST_RATE_LIMITED_MESSAGE).replace("'", "&#x27;") in html
    assert 'value="V@Mail.kz"' in html  # what was typed is kept
    assert DataRequest.objects.count() == 3
    assert len(mail.outbox) == 3
    other = _submit(client, django_capture_on_commit_callbacks, ip="10.9.9.9", email="o@mail.kz")
    assert other.status_code == 302  # another address from that IP still goes through


def test_requests_from_one_ip_are_limited_whatever_the_address(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PRIVACY_REQUEST_RATE_PER_IP = "5/h"
    for n in range(5):
        _submit(client, django_capture_on_commit_callbacks, email=f"person{n}@mail.kz")

    response = _submit(client, django_capture_on_commit_callbacks, email="person9@mail.kz")

    assert response.status_code == 429
    assert len(mail.outbox) == 5
    assert _submit(client, django_capture_on_commit_callbacks, ip="10.1.1.1",
                   email="person9@mail.kz").status_code == 302  # fmt: skip


def test_invalid_submissions_do_not_use_up_the_allowance(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PRIVACY_REQUEST_RATE_PER_IP = "2/h"
    for _ in range(5):
        assert _submit(client, django_capture_on_commit_callbacks, email="bad").status_code == 200

    assert (
        _submit(client, django_capture_on_commit_callbacks, email="ok@mail.kz").status_code == 302
    )


def test_without_its_counters_the_form_refuses_rather_than_mail_unchecked(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        **settings.CACHES,
        "closed": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                   "LOCATION": "redis://127.0.0.1:1/0"},
    }  # fmt: skip
    settings.RATELIMIT_USE_CACHE = "closed"

    response = _submit(client, django_capture_on_commit_callbacks, email="v@mail.kz")

    assert response.status_code == 429
    assert mail.outbox == []
    assert not DataRequest.objects.exists()
