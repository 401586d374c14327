"""The records of deliveries: their outcome copied from the outbox, and their end.

A delivery is the proof that a person who consented got a mailing (or that one was not
sent). Its outcome starts as "queued"; `deliveries_settle` copies "sent" or "failed" from
the outbox row in two set-based UPDATEs. Records older than MAILING_DELIVERY_RETENTION_DAYS
are deleted: by then a complaint about a mailing is past the time to bring it.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from post_office.models import STATUS, Email

from mailings.models import Delivery


def deliveries_settle() -> int:
    """Copy the outcome of sent and failed e-mails to their deliveries; return rows changed."""
    changed = 0
    for status, outcome in (
        (STATUS.sent, Delivery.Outcome.SENT),
        (STATUS.failed, Delivery.Outcome.FAILED),
    ):
        done = Email.objects.filter(status=status).values("pk")
        changed += Delivery.objects.filter(
            outcome=Delivery.Outcome.QUEUED, email_id__in=done
        ).update(outcome=outcome)
    return changed


def deliveries_purge(*, now=None) -> int:
    """Delete the delivery records past their retention; return how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MAILING_DELIVERY_RETENTION_DAYS)
    deleted, _per_model = Delivery.objects.filter(created_at__lt=cutoff).delete()
    return deleted
