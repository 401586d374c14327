"""The outbox in admin: read-only, opening an e-mail is a disclosure, requeueing needs a right."""

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from post_office.models import STATUS, Email

from accounts.tests.factories import UserFactory
from outbox.services import mail_queue
from privacy.hashing import email_hash
from privacy.models import DisclosureEvent

pytestmark = pytest.mark.django_db


def _failed_mail():
    with transaction.atomic():
        mail = mail_queue(to="a@example.kz", subject="Subject", body="Body")
    Email.objects.filter(pk=mail.pk).update(status=STATUS.failed)
    return mail


def test_opening_an_e_mail_in_admin_records_a_disclosure_and_changes_nothing(admin_client):
    mail = _failed_mail()

    assert admin_client.get("/admin/post_office/email/").status_code == 200
    response = admin_client.get(f"/admin/post_office/email/{mail.pk}/change/")

    assert response.status_code == 200
    assert b'name="subject"' not in response.content  # read-only
    # The list page records one event naming the people shown; opening the e-mail, its own.
    assert DisclosureEvent.objects.count() == 2
    assert DisclosureEvent.objects.filter(subject_hash=email_hash("a@example.kz")).exists()


def test_staff_who_may_only_view_cannot_requeue(client):
    mail = _failed_mail()
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_email"))
    client.force_login(viewer)

    client.post("/admin/post_office/email/", {"action": "requeue", "_selected_action": [mail.pk]})

    assert Email.objects.get(pk=mail.pk).status == STATUS.failed


def test_requeueing_a_failed_e_mail_sends_it_with_the_next_run(admin_client):
    mail = _failed_mail()

    admin_client.post(
        "/admin/post_office/email/", {"action": "requeue", "_selected_action": [mail.pk]}
    )

    mail.refresh_from_db()
    assert (mail.status, mail.scheduled_time) == (STATUS.queued, None)
