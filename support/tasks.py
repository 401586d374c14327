from celery import shared_task
from django.utils import timezone

from privacy.sweep import retention_cutoff
from support.services import callbacks_purge_guests


@shared_task
def callbacks_purge_guests_task() -> int:
    """Delete guests' callback requests older than the retention period (daily)."""
    return callbacks_purge_guests(before=retention_cutoff(timezone.localdate()))
