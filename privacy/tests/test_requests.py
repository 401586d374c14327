import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from portal.tests.helpers import first_link
from privacy import services
from privacy.forms import REQUEST_EMAIL_INVALID, REQUEST_KIND_REQUIRED
from privacy.models import ConsentEvent, DataRequest, DisclosureEvent
from privacy.selectors import consent_given
from privacy.texts import REQUEST_DONE_SUBJECT

pytestmark = pytest.mark.django_db


def _submit(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/privacy/request/", {"kind": "access", "details": "", **data})


def test_a_guest_request_counts_only_after_its_email_link(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PRIVACY_REQUEST_DAYS = 10

    response = _submit(client, django_capture_on_commit_callbacks, email="Guest@Mail.kz")

    assert response.status_code == 302
    data_request = DataRequest.objects.get()
    assert (data_request.status, data_request.email) == ("new", "guest@mail.kz")
    assert data_request.verified_at is None
    assert len(mail.outbox) == 1
    link = first_link(mail.outbox[0])
    assert client.get(link).status_code == 200  # a page with a button: GET confirms nothing
    data_request.refresh_from_db()
    assert data_request.status == "new"

    client.post(link)

    data_request.refresh_from_db()
    assert data_request.status == "verified"
    assert data_request.due_at - data_request.verified_at == timedelta(days=10)


def test_a_tampered_confirmation_link_is_refused(client, django_capture_on_commit_callbacks):
    _submit(client, django_capture_on_commit_callbacks, email="guest@mail.kz")
    link = first_link(mail.outbox[0])

    response = client.post(link[:-3] + "abc/")

    assert response.status_code == 404
    assert DataRequest.objects.get().status == "new"


def test_the_request_form_rejects_bad_input_at_the_field(client):
    response = client.post("/privacy/request/", {"kind": "", "email": "not-an-address"})

    assert response.status_code == 200
    html = response.content.decode()
    assert str(REQUEST_KIND_REQUIRED) in html
    assert str(REQUEST_EMAIL_INVALID).replace("'", "&#x27;") in html
    assert 'value="not-an-address"' in html  # what was typed is kept
    assert not DataRequest.objects.exists()


def test_a_signed_in_users_request_about_their_own_address_is_verified_at_once(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(language="en")
    client.force_login(user)

    _submit(client, django_capture_on_commit_callbacks, email=user.email, kind="objection")

    data_request = DataRequest.objects.get()
    assert data_request.user == user
    assert data_request.status == "done"  # objection runs by itself once verified
    assert not consent_given(purpose="marketing", user=user)
    [outcome] = mail.outbox  # no confirmation link: the outcome only
    assert outcome.to == [user.email]
    assert str(REQUEST_DONE_SUBJECT) == outcome.subject


def test_a_users_erasure_request_runs_at_once_through_the_task(django_capture_on_commit_callbacks):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.data_request_create(kind="erasure", user=user, verified=True)

    data_request = DataRequest.objects.get()
    assert data_request.status == "done"
    assert data_request.report["check_passed"] is True
    assert data_request.email == "erased@invalid"  # the request row keeps no e-mail
    user.refresh_from_db()
    assert user.email.endswith("@invalid")


def test_a_guests_access_request_is_exported_and_downloadable_through_the_link(
    client, django_capture_on_commit_callbacks
):
    services.consent_grant(purpose="orders", channel="checkout", text_shown="x", email="g@mail.kz")
    _submit(client, django_capture_on_commit_callbacks, email="g@mail.kz")
    client.post(first_link(mail.outbox[0]))
    data_request = DataRequest.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        services.data_request_run(data_request=data_request)

    assert data_request.status == "done"
    assert data_request.report["rows_per_source"]["privacy.consentevent"] == 1
    response = client.get(first_link(mail.outbox[1]))
    assert response["Content-Disposition"].startswith("attachment")
    export = json.loads(response.content)
    [consents] = [s for s in export["Your data on Dala Market"] if s["Where"].startswith("Consent")]
    purpose = consents["Records"][0]["Purpose"]
    assert purpose == "Orders and disclosure of contact data to the seller"
    assert "purpose__code" not in response.content.decode()


def test_running_an_unverified_request_is_refused():
    data_request = DataRequest.objects.create(kind="access", email="g@mail.kz")

    with pytest.raises(services.DataRequestError):
        services.data_request_run(data_request=data_request)


def test_rejecting_needs_a_reason_and_tells_the_person(django_capture_on_commit_callbacks):
    staff = UserFactory(is_staff=True)
    data_request = DataRequest.objects.create(kind="erasure", email="g@mail.kz")

    with pytest.raises(services.DataRequestError):
        services.data_request_reject(data_request=data_request, reason=" ", actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.data_request_reject(
            data_request=data_request, reason="Orders under dispute", actor=staff
        )

    assert data_request.status == "rejected"
    assert "Orders under dispute" in mail.outbox[0].body


def test_a_withdrawal_request_withdraws_every_consent_based_purpose(
    django_capture_on_commit_callbacks,
):
    user = UserFactory()
    for code in ("marketing", "analytics"):
        services.consent_grant(purpose=code, channel="account", text_shown="x", user=user)

    with django_capture_on_commit_callbacks(execute=True):
        services.data_request_create(kind="withdrawal", user=user, verified=True)

    assert not consent_given(purpose="marketing", user=user)
    assert not consent_given(purpose="analytics", user=user)
    channels = set(ConsentEvent.objects.filter(action="withdraw").values_list("channel", flat=True))
    assert channels == {"admin"}


def test_staff_downloading_an_export_in_admin_is_recorded_as_a_disclosure(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory()
    data_request = DataRequest.objects.create(
        kind="access", user=person, email=person.email, status="done", export={"a": {"rows": []}}
    )
    sign_in_with_second_factor(client, staff)

    response = client.get(f"/admin/privacy/datarequest/{data_request.pk}/export/")

    assert response.status_code == 200
    event = DisclosureEvent.objects.get(reason="Downloaded the answer to an access request")
    assert (event.actor, event.subject) == (staff, person)


def test_overdue_requests_are_flagged_in_admin(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    late = DataRequest.objects.create(
        kind="access", email="late@mail.kz", status="verified",
        due_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    DataRequest.objects.create(kind="access", email="fine@mail.kz", status="verified")
    sign_in_with_second_factor(client, staff)

    html = client.get("/admin/privacy/datarequest/?due=overdue").content.decode()

    assert "late@mail.kz" in html
    assert "fine@mail.kz" not in html
    assert "overdue" in html
    assert late.is_overdue


def test_rejecting_in_admin_asks_for_the_reason_first(client, django_capture_on_commit_callbacks):
    staff = UserFactory(is_staff=True, is_superuser=True)
    data_request = DataRequest.objects.create(kind="erasure", email="g@mail.kz")
    sign_in_with_second_factor(client, staff)
    url = "/admin/privacy/datarequest/"

    page = client.post(url, {"action": "reject", "_selected_action": [data_request.pk]})
    assert "Reason (sent to the person)" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "reject", "apply": "1", "reason": "Identity not proven",
                          "_selected_action": [data_request.pk]})  # fmt: skip

    data_request.refresh_from_db()
    assert (data_request.status, data_request.rejection_reason) == (
        "rejected",
        "Identity not proven",
    )


def test_an_access_request_of_a_user_with_a_phone_number_is_stored_and_downloadable(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory(phone="+77012345678")
    data_request = DataRequest.objects.create(
        kind="access", user=person, email=person.email, status="verified"
    )

    services.data_request_run(data_request=data_request)
    sign_in_with_second_factor(client, staff)
    response = client.get(f"/admin/privacy/datarequest/{data_request.pk}/export/")

    export = json.loads(response.content)
    assert export["accounts.user"]["rows"][0]["phone"] == "+77012345678"
