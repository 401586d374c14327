"""Celery tasks of orders: thin wrappers that fetch by id and call a service."""

from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

from orders import services


@shared_task(
    autoretry_for=(SMTPException, OSError, OperationalError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=services.MAX_MAIL_ATTEMPTS,
)
def mail_send_task(mail_id: int) -> bool:
    """Send one outbox row; a row already sent is not sent again."""
    return services.mail_send(mail_id=mail_id)


@shared_task
def mail_outbox_flush_task() -> int:
    """Publish again the outbox rows still pending (Celery beat, every minute)."""
    return services.mail_outbox_flush()
