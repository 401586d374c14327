"""The deals task family on a real Celery worker, through the real Redis broker."""

import pytest
from post_office.models import Email

from deals.models import Quote, QuoteRequest, Recipient, SellerPreference
from deals.tasks import digest_send_task, requests_expire_task
from deals.tests.factories import RequestFactory, in_days, quote_on

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_closes_due_requests_and_sends_the_digest(
    celery_worker_process, buyer, steppe, zerno
):
    due = RequestFactory(buyer=buyer, needed_by=in_days(-1))
    quote = quote_on(due, steppe)
    SellerPreference.objects.create(company=zerno, rfq_mail=SellerPreference.Mail.DIGEST)
    Recipient.objects.create(request=RequestFactory(buyer=buyer), company=zerno)

    # Results are ignored unless a caller asks for one (CELERY_TASK_IGNORE_RESULT).
    assert requests_expire_task.apply_async(ignore_result=False).get(timeout=60) == 1
    assert digest_send_task.apply_async(ignore_result=False).get(timeout=60) == 1

    due.refresh_from_db()
    quote.refresh_from_db()
    assert due.status == QuoteRequest.Status.EXPIRED
    assert quote.status == Quote.Status.CLOSED
    assert Email.objects.filter(to=zerno.owner.email).count() == 1
    assert not Recipient.objects.filter(company=zerno, notified_at=None).exists()
