"""Telling a person how their data request ended, through the outbox.

Every request the portal finishes (access, erasure, rectification, objection,
restriction, withdrawal) is answered by e-mail in the person's language, in the
transaction that finishes it. The letter about an erasure goes to the address the person
had before it, and the outbox forgets it once sent: no copy of the address outlives it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from privacy.models import DataRequest
from privacy.registry import Erasure, registry
from privacy.services.common import mail, site_url
from privacy.services.requests import (
    REQUEST_DOWNLOAD_DAYS,
    REQUEST_DOWNLOAD_SALT,
    data_request_signed,
)
from privacy.texts import (
    ERASURE_DONE_SUBJECT,
    ERASURE_WAITING_SUBJECT,
    EXPORT_READY_SUBJECT,
    REQUEST_DONE_SUBJECT,
)


@dataclass(frozen=True)
class Recipient:
    address: str
    language: str | None


def outcome_recipient(data_request: DataRequest) -> Recipient:
    """Return where and in which language to answer (read before an erasure changes it)."""
    user = data_request.user
    address = data_request.email or (user.email if user else "")
    language = (getattr(user, "language", "") if user else "") or data_request.language
    return Recipient(address=address, language=language or None)


def erasure_summary(report: dict) -> dict:
    """Return what an erasure's report means to the person: erased, kept by law, kept for
    now (open orders, with why and until when)."""
    sources = {source.key: source for source in registry.sources()}
    counts = report.get("rows_per_source", {})
    erased = [sources[key].description for key, rows in counts.items() if rows and key in sources]
    by_law = [
        (source.description, source.kept_because)
        for source in sources.values()
        if source.erasure == Erasure.KEEP
    ]
    return {"erased": erased, "kept_by_law": by_law, "kept_for_now": report.get("kept", [])}


def _erasure_letter(data_request: DataRequest) -> tuple:
    subject = ERASURE_WAITING_SUBJECT if data_request.is_waiting else ERASURE_DONE_SUBJECT
    context = {"request": data_request, **erasure_summary(data_request.report)}
    return subject, "privacy/email/outcome_erasure.txt", context


def _access_letter(data_request: DataRequest) -> tuple:
    token = data_request_signed(data_request=data_request, salt=REQUEST_DOWNLOAD_SALT)
    context = {
        "url": site_url("privacy:request_download", token),
        "days": REQUEST_DOWNLOAD_DAYS,
    }
    return EXPORT_READY_SUBJECT, "privacy/email/export_ready.txt", context


def _done_letter(data_request: DataRequest) -> tuple:
    from privacy.models import Purpose

    withdrawn = Purpose.objects.filter(code__in=data_request.report.get("withdrawn", []))
    context = {
        "request": data_request,
        "withdrawn": list(withdrawn),
        "restricted": data_request.report.get("restricted", False),
        "rights_url": site_url("privacy:rights"),
    }
    return REQUEST_DONE_SUBJECT, "privacy/email/outcome_done.txt", context


LETTERS: dict[str, Callable[[DataRequest], tuple]] = {
    DataRequest.Kind.ACCESS: _access_letter,
    DataRequest.Kind.ERASURE: _erasure_letter,
}


def outcome_mail(*, data_request: DataRequest, recipient: Recipient) -> None:
    """Queue the letter telling the person the outcome (the retention sweep's own requests,
    which nobody asked for, are not answered)."""
    if data_request.opened_by_sweep or not recipient.address:
        return
    if data_request.status == DataRequest.Status.BLOCKED:
        return  # held by a court or state body: staff answer it themselves
    letter = LETTERS.get(data_request.kind, _done_letter)
    subject, template, context = letter(data_request)
    mail(
        to=recipient.address,
        subject=subject,
        template=template,
        context=context,
        language=recipient.language,
        forget_once_sent=data_request.kind == DataRequest.Kind.ERASURE,
    )
