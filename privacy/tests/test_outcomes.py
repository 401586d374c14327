"""The person hears back: every finished request is answered by e-mail, guests included."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from post_office.models import Email

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from orders.tests.factories import OrderFactory
from outbox.services import outbox_drain
from portal.tests.helpers import first_link
from privacy import services
from privacy.models import DataRequest, Purpose
from privacy.selectors import consent_given, subject_is_restricted
from privacy.texts import (
    ERASURE_DONE_SUBJECT,
    EXPORT_READY_SUBJECT,
    REQUEST_CONFIRM_SUBJECT,
    REQUEST_DONE_SUBJECT,
)

pytestmark = pytest.mark.django_db


def _ask(client, capture, **data):
    with capture(execute=True):
        client.post("/privacy/request/", {"details": "", **data})
    [confirm] = [m for m in mail.outbox if m.subject == str(REQUEST_CONFIRM_SUBJECT)]
    with capture(execute=True):
        client.post(first_link(confirm))
    return DataRequest.objects.latest("pk")  # an erasure has replaced its e-mail


def test_a_guests_confirmed_access_request_is_answered_by_e_mail_with_no_staff_action(
    client, django_capture_on_commit_callbacks
):
    OrderFactory(email="guest@mail.kz", full_name="Ахметов Ерлан")

    data_request = _ask(
        client, django_capture_on_commit_callbacks, kind="access", email="guest@mail.kz"
    )

    assert data_request.status == "done"
    assert data_request.handled_by is None  # nobody clicked anything
    [answer] = [m for m in mail.outbox if m.subject == str(EXPORT_READY_SUBJECT)]
    assert answer.to == ["guest@mail.kz"]
    download = client.get(first_link(answer))
    assert "Ахметов Ерлан" in json.dumps(json.loads(download.content), ensure_ascii=False)


def test_an_access_request_staff_put_on_hold_waits_for_staff(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/privacy/request/", {"kind": "access", "email": "guest@mail.kz"})
    data_request = DataRequest.objects.get()
    services.data_request_hold(data_request=data_request, on_hold=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(first_link(mail.outbox[0]))

    data_request.refresh_from_db()
    assert (data_request.status, data_request.on_hold) == ("verified", True)
    assert [m.subject for m in mail.outbox] == [str(REQUEST_CONFIRM_SUBJECT)]
    with django_capture_on_commit_callbacks(execute=True):
        services.data_request_hold(data_request=data_request, on_hold=False)
    data_request.refresh_from_db()
    assert data_request.status == "done"


def test_a_guests_erasure_ends_with_an_e_mail_saying_what_was_erased_and_what_is_kept(
    client, django_capture_on_commit_callbacks
):
    OrderFactory(email="guest@mail.kz", completed=True)

    data_request = _ask(
        client, django_capture_on_commit_callbacks, kind="erasure", email="guest@mail.kz"
    )

    assert data_request.status == "done"
    [letter] = [m for m in mail.outbox if m.subject == str(ERASURE_DONE_SUBJECT)]
    assert letter.to == ["guest@mail.kz"]
    assert "Erased:" in letter.body
    assert "Your orders: contact data for the seller, items and totals" in letter.body
    assert "Kept, because the law requires it" in letter.body
    assert "Consent ledger: your consents and withdrawals" in letter.body


def test_the_erasure_letter_is_forgotten_once_sent(client, django_capture_on_commit_callbacks):
    OrderFactory(email="guest@mail.kz", completed=True)
    _ask(client, django_capture_on_commit_callbacks, kind="erasure", email="guest@mail.kz")

    outbox_drain(grace=timedelta(0))

    assert not Email.objects.filter(to="guest@mail.kz").exists()


@pytest.mark.parametrize("kind", ["objection", "restriction", "rectification"])
def test_every_finished_request_tells_the_person(kind, django_capture_on_commit_callbacks):
    user = UserFactory(email="person@mail.kz", language="en")
    data_request = DataRequest.objects.create(
        kind=kind, user=user, email=user.email, status="verified"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.data_request_run(data_request=data_request)

    [letter] = mail.outbox
    assert (letter.subject, letter.to) == (str(REQUEST_DONE_SUBJECT), ["person@mail.kz"])
    assert f"no. {data_request.pk}" in letter.body


def test_an_objection_withdraws_every_optional_purpose_in_the_ledger():
    user = UserFactory()
    for code in ("marketing", "analytics", "advertising"):
        services.consent_grant(purpose=code, channel="account", text_shown="x", user=user)
    data_request = DataRequest.objects.create(
        kind="objection", user=user, email=user.email, status="verified"
    )

    services.data_request_run(data_request=data_request)

    optional = set(
        Purpose.objects.filter(is_required=False, legal_basis="consent").values_list(
            "code", flat=True
        )
    )
    assert set(data_request.report["withdrawn"]) == optional
    assert not any(consent_given(purpose=code, user=user) for code in optional)
    assert consent_given(purpose="service", user=user) is False  # never asked in this test


def test_a_restriction_stops_marketing_until_staff_lift_it():
    staff = UserFactory(is_staff=True)
    user = UserFactory()
    services.consent_grant(purpose="marketing", channel="account", text_shown="x", user=user)
    data_request = DataRequest.objects.create(
        kind="restriction", user=user, email=user.email, status="verified"
    )

    services.data_request_run(data_request=data_request, actor=staff)

    assert subject_is_restricted(user=user)
    assert not consent_given(purpose="marketing", user=user)
    services.restriction_lift(user=user, actor=staff)
    assert not subject_is_restricted(user=user)
    assert consent_given(purpose="marketing", user=user)  # the consent itself was kept


def test_a_guests_restriction_is_in_the_ledger_under_the_keyed_hash():
    from privacy.hashing import email_hash
    from privacy.models import RestrictionEvent

    data_request = DataRequest.objects.create(
        kind="restriction", email="guest@mail.kz", status="verified"
    )

    services.data_request_run(data_request=data_request)

    event = RestrictionEvent.objects.get()
    assert (event.user, event.subject_hash) == (None, email_hash("guest@mail.kz"))
    assert subject_is_restricted(email="GUEST@mail.kz")


def test_staff_lift_a_restriction_from_the_admin(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    user = UserFactory()
    data_request = DataRequest.objects.create(
        kind="restriction", user=user, email=user.email, status="verified"
    )
    services.data_request_run(data_request=data_request)
    sign_in_with_second_factor(client, staff)

    client.post(
        "/admin/privacy/datarequest/",
        {"action": "lift_restriction", "_selected_action": [data_request.pk]},
    )

    assert not subject_is_restricted(user=user)


def test_a_restricted_persons_pages_load_no_analytics_even_with_the_cookie_accepted(client):
    user = UserFactory()
    client.force_login(user)
    client.cookies["cookie_consent"] = "analytics=2099-01-01T00:00:00"
    accept = client.get("/privacy/policy/").content.decode()
    data_request = DataRequest.objects.create(
        kind="restriction", user=user, email=user.email, status="verified"
    )
    services.data_request_run(data_request=data_request)

    restricted = client.get("/privacy/policy/").content.decode()

    assert ("analytics-snippet" in accept, "analytics-snippet" in restricted) == (True, False)


def test_the_letter_is_written_in_the_persons_language(django_capture_on_commit_callbacks):
    from django.utils import translation

    user = UserFactory(language="kk")
    data_request = DataRequest.objects.create(
        kind="rectification", user=user, email=user.email, status="verified"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.data_request_run(data_request=data_request)

    with translation.override("kk"):
        assert mail.outbox[0].subject == str(REQUEST_DONE_SUBJECT)
    assert mail.outbox[0].subject == "Дербес деректеріңіз туралы сұрауыңыз орындалды"
