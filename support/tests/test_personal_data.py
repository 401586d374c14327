"""Support's declaration to the privacy engine: export, erasure, retention."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from accounts.tests.factories import UserFactory
from listings.models import Listing
from privacy.erasure import subjects_erase, subjects_of_users
from privacy.export import subject_export
from privacy.registry import Subjects, registry
from privacy.sweep import retention_sweep
from support import services
from support.models import CallbackRequest, Complaint, ComplaintAction, Feedback
from support.tests.factories import (
    CallbackRequestFactory,
    ComplaintActionFactory,
    ComplaintFactory,
    FeedbackFactory,
)

pytestmark = pytest.mark.django_db

SOURCES = [
    "support.complaint",
    "support.complaintaction",
    "support.callbackrequest",
    "support.feedback",
]


def _remaining(subjects):
    return {key: registry.get(key).remaining(subjects) for key in SOURCES}


def test_every_personal_field_of_support_is_declared():
    models = apps.get_app_config("support").get_models()
    assert registry.undeclared_personal_fields(models) == []


def test_guest_sources_declare_their_activity_for_the_retention_sweep():
    assert registry.get("support.complaint").guest_activity == ("guest_email", "created_at")
    assert registry.get("support.feedback").guest_activity == ("email", "created_at")


def _a_users_support_data(user):
    complaint = ComplaintFactory(by_user=True, reporter=user, text="My words about it")
    ComplaintActionFactory(complaint=complaint, note="Called Ivan back")
    CallbackRequestFactory(user=user, phone="+77017778899", topic="Delivery to Aktobe")
    FeedbackFactory(user=user, email=user.email, message="My message")
    FeedbackFactory(email=user.email, message="Sent before signing up")  # as a guest
    return complaint


def test_a_users_support_data_is_in_their_download():
    user = UserFactory()
    _a_users_support_data(user)
    ComplaintFactory()  # someone else's
    FeedbackFactory()

    export = subject_export(subjects=subjects_of_users([user.pk]))

    assert [r["text"] for r in export["support.complaint"]["rows"]] == ["My words about it"]
    assert [r["note"] for r in export["support.complaintaction"]["rows"]] == ["Called Ivan back"]
    (callback,) = export["support.callbackrequest"]["rows"]
    assert (callback["phone"], callback["topic"]) == ("+77017778899", "Delivery to Aktobe")
    messages = sorted(r["message"] for r in export["support.feedback"]["rows"])
    assert messages == ["My message", "Sent before signing up"]
    # Stored as JSON with the data request: support's rows serialise (the phone as text).
    json.dumps({key: export[key] for key in SOURCES}, cls=DjangoJSONEncoder)


def test_a_guests_complaints_and_feedback_are_in_their_download():
    ComplaintFactory(guest_email="guest@example.kz")
    FeedbackFactory(email="guest@example.kz")

    export = subject_export(subjects=Subjects.of(emails=["Guest@Example.kz"]))

    assert len(export["support.complaint"]["rows"]) == 1
    assert len(export["support.feedback"]["rows"]) == 1


def test_erasing_a_user_leaves_nothing_of_theirs_in_support():
    user = UserFactory()
    complaint = _a_users_support_data(user)
    subjects = subjects_of_users([user.pk])
    assert all(_remaining(subjects).values())

    result = subjects_erase(subjects=subjects)

    assert result.check_passed
    assert _remaining(subjects) == dict.fromkeys(SOURCES, 0)
    assert CallbackRequest.objects.count() == 0
    assert Feedback.objects.count() == 0
    complaint.refresh_from_db()
    assert (complaint.reporter, complaint.text, complaint.guest_email) == (None, "", "")
    assert ComplaintAction.objects.get().note == ""


def test_an_erased_complaint_keeps_the_moderation_facts():
    staff = UserFactory(is_staff=True)
    complaint = ComplaintFactory(guest_email="gone@example.kz", guest_name="Aidos")
    services.complaint_hide_listing(complaint=complaint, actor=staff, rule="truthful", note="Fake")

    subjects_erase(subjects=Subjects.of(emails=["gone@example.kz"]))

    complaint.refresh_from_db()
    assert (complaint.guest_name, complaint.guest_email, complaint.text) == ("", "", "")
    assert complaint.resolution == ""
    assert (complaint.reason, complaint.status, complaint.listing_id) == (
        "fraud",
        Complaint.Status.RESOLVED,
        complaint.listing_id,
    )
    action = complaint.actions.get()
    assert (action.kind, action.actor, action.note) == ("listing_hidden", staff, "")
    assert Listing.objects.get(pk=complaint.listing_id).status == Listing.Status.BLOCKED


def test_erasure_leaves_other_peoples_requests_alone():
    leaving, staying = UserFactory(), UserFactory()
    _a_users_support_data(leaving)
    theirs = _a_users_support_data(staying)

    subjects_erase(subjects=subjects_of_users([leaving.pk]))

    theirs.refresh_from_db()
    assert theirs.text == "My words about it"
    assert CallbackRequest.objects.filter(user=staying).count() == 1
    assert Feedback.objects.filter(email=staying.email).count() == 2


def test_erasing_twice_changes_nothing_the_second_time():
    user = UserFactory()
    _a_users_support_data(user)
    subjects = subjects_of_users([user.pk])
    subjects_erase(subjects=subjects)

    again = subjects_erase(subjects=subjects)

    assert all(again.counts[key] == 0 for key in SOURCES)


def test_the_retention_sweep_erases_a_lapsed_guests_complaints_and_feedback():
    old = timezone.now() - timedelta(days=365 * 6)
    complaint = ComplaintFactory(guest_email="old@example.kz")
    FeedbackFactory(email="old@example.kz")
    Complaint.objects.filter(pk=complaint.pk).update(created_at=old)
    Feedback.objects.update(created_at=old)
    recent = FeedbackFactory(email="recent@example.kz")

    retention_sweep()

    assert Complaint.objects.get(pk=complaint.pk).guest_email == ""
    assert list(Feedback.objects.all()) == [recent]


def test_guests_callbacks_are_deleted_after_the_retention_period():
    old = CallbackRequestFactory()
    CallbackRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=365 * 6)
    )
    recent = CallbackRequestFactory()
    users_old = CallbackRequestFactory(user=UserFactory())
    CallbackRequest.objects.filter(pk=users_old.pk).update(
        created_at=timezone.now() - timedelta(days=365 * 6)
    )

    from support.tasks import callbacks_purge_guests_task

    deleted = callbacks_purge_guests_task.delay().get()

    assert deleted == 1
    assert set(CallbackRequest.objects.values_list("pk", flat=True)) == {recent.pk, users_old.pk}
