import pytest
from django.utils.text import capfirst

from accounts.tests.factories import UserFactory
from privacy.models import ConsentEvent, DataRequest, DisclosureEvent, PolicyVersion

pytestmark = pytest.mark.django_db


def _event(user):
    return ConsentEvent.objects.create(
        user=user, purpose_id=_purpose("marketing"), action="grant", channel="account",
        text_shown="Send me news",
    )  # fmt: skip


def _purpose(code):
    from privacy.models import Purpose

    return Purpose.objects.get(code=code).pk


def test_consent_ledger_in_admin_is_read_only(staff_client):
    event = _event(UserFactory())
    url = f"/admin/privacy/consentevent/{event.pk}/change/"

    assert staff_client.get("/admin/privacy/consentevent/").status_code == 200
    assert staff_client.get(url).status_code == 200  # viewing is allowed
    response = staff_client.post(url, {"action": "withdraw", "text_shown": "changed"})
    assert response.status_code == 403
    assert staff_client.post(f"/admin/privacy/consentevent/{event.pk}/delete/").status_code == 403
    assert staff_client.get("/admin/privacy/consentevent/add/").status_code == 403
    event.refresh_from_db()
    assert (event.action, event.text_shown) == ("grant", "Send me news")


def test_consent_ledger_changelist_runs_a_bounded_number_of_queries(
    staff_client, django_assert_max_num_queries
):
    for _ in range(30):
        _event(UserFactory())

    with django_assert_max_num_queries(12):
        assert staff_client.get("/admin/privacy/consentevent/").status_code == 200


def test_staff_opening_a_data_request_leaves_a_disclosure_event(staff_client):
    person = UserFactory()
    request = DataRequest.objects.create(kind="access", user=person, email=person.email)

    response = staff_client.get(f"/admin/privacy/datarequest/{request.pk}/change/")

    assert response.status_code == 200
    event = DisclosureEvent.objects.get()
    assert event.actor == staff_client.admin
    assert event.subject == person
    assert event.fields == ["email", "details"]
    assert event.purpose.code == "legal"


def test_a_published_policy_version_cannot_be_edited_in_admin(staff_client):
    response = staff_client.post(
        "/admin/privacy/policyversion/1/change/", {"version": 1, "text": "rewritten"}
    )

    assert response.status_code in (200, 302)
    assert PolicyVersion.objects.get(document="privacy", version=1).text.startswith(
        "## 1. Who we are"
    )


def test_records_of_processing_lists_every_registered_source(staff_client):
    from privacy.registry import registry

    html = staff_client.get("/admin/privacy/purpose/records/").content.decode()

    for source in registry.sources():
        assert str(capfirst(source.model._meta.verbose_name_plural)) in html
        assert source.key not in html


def test_publishing_a_draft_in_admin_puts_it_in_force(staff_client):
    draft = PolicyVersion.objects.create(version=3, text="## New\nNew text")

    staff_client.post(
        "/admin/privacy/policyversion/", {"action": "publish", "_selected_action": [draft.pk]}
    )

    draft.refresh_from_db()
    assert draft.published_at is not None
    assert "New text" in staff_client.get("/privacy/policy/").content.decode()
