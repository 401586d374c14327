"""Celery tasks of the privacy engine: thin wrappers that fetch by id and call a service."""

from celery import shared_task
from django.db import OperationalError

from privacy import announce, services, sweep
from privacy.models import DataRequest


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def data_request_run_task(data_request_id: int) -> str:
    """Answer a verified request by itself (a user's erasure runs through here at once);
    one that staff put on hold waits for them."""
    data_request = DataRequest.objects.filter(pk=data_request_id).first()
    if data_request is None or not data_request.is_runnable or data_request.on_hold:
        return "skipped"
    return services.data_request_run(data_request=data_request).status


@shared_task
def data_requests_resume_task() -> int:
    return services.data_requests_resume()


@shared_task
def retention_sweep_task() -> dict:
    """The daily retention sweep (Celery beat, 03:00 Asia/Almaty)."""
    run = sweep.retention_sweep()
    return {
        "subjects": run.subjects,
        "held": run.held,
        "waiting": run.waiting,
        "staff_left": len(run.staff_left),
        "counts": run.counts,
    }


@shared_task
def privacy_digest_task() -> int:
    """E-mail the privacy officer what is due and what is late (Celery beat, daily)."""
    return services.privacy_digest_send()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def breach_people_notify_task(breach_id: int) -> int:
    """E-mail the approved breach notice to every person affected."""
    return services.breach_people_notify(breach_id=breach_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def legal_change_announce_task(version_id: int) -> int:
    """E-mail every active user about a new version of a legal text, in batches."""
    return announce.legal_change_announce(version_id=version_id)


@shared_task
def legal_announcements_resume_task() -> int:
    """Queue again the announcements that never finished (Celery beat)."""
    pending = announce.legal_announcements_pending()
    for version_id in pending:
        legal_change_announce_task.delay(version_id)
    return len(pending)
