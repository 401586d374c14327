"""The e-mail that closes a complaint says its outcome, asking the complaint (is_rejected)."""

import pytest
from post_office.models import Email

from accounts.tests.factories import UserFactory
from support import services
from support.tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

REJECTED = "We looked into it and did not find a breach of the portal's rules."
ACTED = "We looked into it and took action."


def test_a_rejected_complaint_is_told_no_breach_was_found():
    complaint = ComplaintFactory()

    services.complaint_reject(complaint=complaint, actor=UserFactory(), reason="Всё в порядке")

    body = Email.objects.get(to=complaint.guest_email).message
    assert REJECTED in body
    assert ACTED not in body


def test_a_resolved_complaint_is_told_action_was_taken():
    complaint = ComplaintFactory()

    services.complaint_resolve(complaint=complaint, actor=UserFactory())

    body = Email.objects.get(to=complaint.guest_email).message
    assert ACTED in body
    assert REJECTED not in body
