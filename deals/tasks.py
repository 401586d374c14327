"""Celery tasks of deals: thin wrappers around the services (run by Celery beat)."""

from celery import shared_task

from deals import services


@shared_task
def requests_expire_task() -> int:
    """Close the requests whose needed-by date has passed (daily)."""
    return services.requests_expire()


@shared_task
def digest_send_task() -> int:
    """E-mail the sellers who chose a daily digest their new requests (daily)."""
    return services.digest_send()
