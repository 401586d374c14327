"""Celery tasks of accounts: thin wrappers around its services."""

from celery import shared_task

from accounts.notifications.services import notification_digest_send


@shared_task
def notification_digest_task() -> int:
    """E-mail each person the notifications held for their daily digest (Celery beat)."""
    return notification_digest_send()
