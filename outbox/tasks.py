"""Celery tasks of the outbox: thin wrappers around outbox.services.

Retries are not Celery's: a failed sending is rescheduled on its row and the drain sends it
when due, so a retry survives a broker outage and a worker restart.
"""

from celery import shared_task

from outbox import services


@shared_task
def mail_send_task(email_id: int) -> bool:
    """Send one queued e-mail; one already sent is not sent again."""
    try:
        return services.mail_send(email_id=email_id)
    except services.SERVER_DOWN:
        return False  # recorded on the row; the drain tries again when it is due


@shared_task
def outbox_drain_task() -> int:
    """Send the e-mails still queued (Celery beat, every minute)."""
    return services.outbox_drain()


@shared_task
def outbox_purge_task() -> int:
    """Delete e-mails past OUTBOX_RETENTION_DAYS (Celery beat, daily)."""
    return services.outbox_purge()
