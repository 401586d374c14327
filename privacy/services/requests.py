"""The life of a data request: opened, verified by its e-mail link, answered or rejected.

Answering is `privacy.services.answers`; telling the person the outcome is
`privacy.services.outcomes`. Kinds the portal answers by itself (AUTOMATIC_KINDS) run as
soon as they are verified, unless staff put the request on hold.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.models import DataRequest
from privacy.registry import normalise_email
from privacy.services.common import DataRequestError, enqueue_on_commit, mail
from privacy.services.ledgers import language_code
from privacy.texts import REQUEST_CONFIRM_SUBJECT, REQUEST_LINK_INVALID, REQUEST_REJECTED_SUBJECT

REQUEST_CONFIRM_SALT = "privacy.request.confirm"
REQUEST_DOWNLOAD_SALT = "privacy.request.download"
REQUEST_CONFIRM_DAYS = 7
REQUEST_DOWNLOAD_DAYS = 14
# Kinds the portal answers by itself once verified; the others need a person (staff).
AUTOMATIC_KINDS = {
    DataRequest.Kind.ACCESS,
    DataRequest.Kind.ERASURE,
    DataRequest.Kind.OBJECTION,
    DataRequest.Kind.WITHDRAWAL,
}
NOT_RUNNABLE = _("Only a verified request can be run (this one is %(status)s).")
REJECTION_REASON_REQUIRED = _("Give the reason for the rejection.")


def data_request_create(*, kind, user=None, email="", details="", verified=False) -> DataRequest:
    """Open a data request; a signed-in user's request counts as verified at once.

    A verified request that the portal answers by itself (access, erasure, objection,
    withdrawal) is queued to run as soon as the transaction commits.
    """
    now = timezone.now()
    with transaction.atomic():
        data_request = DataRequest.objects.create(
            kind=kind,
            user=user,
            email=normalise_email(email or (user.email if user else "")),
            details=details,
            language=language_code(),
            status=DataRequest.Status.VERIFIED if verified else DataRequest.Status.NEW,
            received_at=now,
            verified_at=now if verified else None,
        )
        if verified:
            _schedule_automatic(data_request)
    return data_request


def data_request_complete(*, data_request: DataRequest, report: dict) -> DataRequest:
    """Mark a request answered on the spot (e.g. a download in the Personal Account)."""
    data_request.status = DataRequest.Status.DONE
    data_request.completed_at = timezone.now()
    data_request.report = report
    data_request.save(update_fields=["status", "completed_at", "report"])
    return data_request


def data_request_signed(*, data_request: DataRequest, salt: str) -> str:
    return signing.dumps(data_request.pk, salt=salt)


def data_request_unsign(*, token: str, salt: str, days: int) -> DataRequest:
    try:
        pk = signing.loads(token, salt=salt, max_age=days * 24 * 3600)
    except signing.BadSignature as error:
        raise DataRequestError(REQUEST_LINK_INVALID) from error
    try:
        return DataRequest.objects.get(pk=pk)
    except DataRequest.DoesNotExist as error:
        raise DataRequestError(REQUEST_LINK_INVALID) from error


def data_request_submit(*, kind, email, details="", user=None, confirm_url_for) -> DataRequest:
    """Open a request from the public form.

    A signed-in user asking about their own address is verified at once (allauth lets
    only verified addresses sign in); anyone else gets an e-mail with a link, and the
    request counts only once it is followed. `confirm_url_for(token)` builds the link.
    """
    own = (
        user is not None
        and user.is_authenticated
        and normalise_email(user.email) == (normalise_email(email))
    )
    with transaction.atomic():
        data_request = data_request_create(
            kind=kind, user=user if own else None, email=email, details=details, verified=own
        )
        if not own:
            token = data_request_signed(data_request=data_request, salt=REQUEST_CONFIRM_SALT)
            mail(
                to=data_request.email,
                subject=REQUEST_CONFIRM_SUBJECT,
                template="privacy/email/request_confirm.txt",
                context={"request": data_request, "url": confirm_url_for(token),
                         "days": REQUEST_CONFIRM_DAYS},
            )  # fmt: skip
    return data_request


def data_request_verify(*, data_request: DataRequest) -> DataRequest:
    """Count a guest's request from now: the e-mail link was followed."""
    if data_request.status != DataRequest.Status.NEW:
        return data_request  # following the link twice changes nothing
    now = timezone.now()
    with transaction.atomic():
        data_request.status = DataRequest.Status.VERIFIED
        data_request.verified_at = now
        data_request.due_at = now + timedelta(days=settings.PRIVACY_REQUEST_DAYS)
        data_request.save(update_fields=["status", "verified_at", "due_at"])
        _schedule_automatic(data_request)
    return data_request


def _schedule_automatic(data_request: DataRequest) -> None:
    if data_request.kind in AUTOMATIC_KINDS and not data_request.on_hold:
        from privacy.tasks import data_request_run_task

        enqueue_on_commit(data_request_run_task, data_request.pk)


def data_request_hold(*, data_request: DataRequest, on_hold: bool) -> DataRequest:
    """Put a request on hold (it then runs only when staff run it), or release it.

    Releasing a verified request the portal answers by itself queues it again.
    """
    with transaction.atomic():
        data_request.on_hold = on_hold
        data_request.save(update_fields=["on_hold"])
        if not on_hold and data_request.is_runnable:
            _schedule_automatic(data_request)
    return data_request


def data_request_run(*, data_request: DataRequest, actor=None) -> DataRequest:
    """Answer a verified request (export, erase, withdraw, restrict...), store the report
    and e-mail the person the outcome.

    The answer, the request's new status and the e-mail are saved in one transaction: a
    crash leaves the request in progress, and data_requests_resume runs it again.
    """
    from privacy.services.answers import answer
    from privacy.services.outcomes import outcome_mail, outcome_recipient

    if not data_request.is_runnable:
        raise DataRequestError(NOT_RUNNABLE % {"status": data_request.get_status_display()})
    data_request.handled_by = actor
    data_request.status = DataRequest.Status.IN_PROGRESS
    data_request.save(update_fields=["status", "handled_by"])
    # The address is read before an erasure replaces it.
    recipient = outcome_recipient(data_request)
    with transaction.atomic():
        changed = answer(data_request)
        if data_request.status == DataRequest.Status.IN_PROGRESS:
            data_request.status = DataRequest.Status.DONE
        data_request.completed_at = timezone.now()
        # Only these fields: erasure may just have anonymised this very row's e-mail.
        data_request.save(update_fields=["status", "report", "completed_at", *changed])
        outcome_mail(data_request=data_request, recipient=recipient)
    return data_request


def data_request_reject(*, data_request: DataRequest, reason: str, actor) -> DataRequest:
    """Reject a request with a reason that the person is told."""
    if not reason.strip():
        raise DataRequestError(REJECTION_REASON_REQUIRED)
    with transaction.atomic():
        data_request.status = DataRequest.Status.REJECTED
        data_request.rejection_reason = reason
        data_request.handled_by = actor
        data_request.completed_at = timezone.now()
        data_request.save(
            update_fields=["status", "rejection_reason", "handled_by", "completed_at"]
        )
        mail(
            to=data_request.email,
            subject=REQUEST_REJECTED_SUBJECT,
            template="privacy/email/request_rejected.txt",
            context={"request": data_request},
            language=data_request.language or None,
        )
    return data_request


def data_requests_resume() -> int:
    """Queue again the automatic requests whose task never ran (the broker was down)."""
    from privacy.tasks import data_request_run_task

    stale = timezone.now() - timedelta(minutes=10)
    pending = (
        DataRequest.objects.runnable()
        .filter(kind__in=AUTOMATIC_KINDS, on_hold=False, verified_at__lt=stale)
        .values_list("pk", flat=True)
    )
    count = 0
    for pk in pending:
        data_request_run_task.delay(pk)
        count += 1
    return count
