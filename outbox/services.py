"""The outbox: every e-mail of the portal, written with the change that causes it.

Why it is shaped like this:
- One way out. Orders, support, privacy and allauth's own mails all call `mail_queue`
  inside the transaction of their change, so a mail exists exactly when its change does,
  and every rule about mail (header safety, erased addresses, retries, retention) lives
  here once. The app sits below every other app and imports none of them.
- django-post-office keeps the rows (`post_office.Email`, with its admin and its sending
  log). Its own sending path is not used: it selects queued mail without locking rows and
  guards against a second sender with a file lock, which only works on one machine; it also
  renders subjects and bodies as templates, which a user-written text must never be.
- Sending is idempotent: `mail_send` locks the row (skipping a row another worker is
  sending) and sends only a queued one, so the publish after commit, the periodic drain and
  a redelivered task together still send each mail once.
- Nothing waits on the broker or the mail server. Publishing happens after commit and is
  skipped at once while the broker is known to be down (portal.celery); the drain, run by
  Celery beat every minute, sends whatever is due. A failure is written on the row and
  retried later with a growing delay: the schedule lives in the database, not in the broker
  that may be the thing that is down. A mail server that is down never makes a mail give up.
"""

from __future__ import annotations

import logging
import re
import smtplib
import socket
import unicodedata
from contextlib import nullcontext
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from post_office.models import PRIORITY, STATUS, Email, Log
from post_office.settings import get_message_id_fqdn
from post_office.utils import cleanup_expired_mails

from outbox.erased import is_erased_email

logger = logging.getLogger(__name__)

PENDING = (STATUS.queued, STATUS.requeued)
PRIORITIES = {"low": PRIORITY.low, "medium": PRIORITY.medium, "high": PRIORITY.high}
# Errors that say the mail server is unreachable, not that this mail is wrong.
SERVER_DOWN = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
)
RETRY_DELAY_CAP = timedelta(hours=1)
FORGET_ONCE_SENT = "forget_once_sent"
# A header name is printable ASCII without a colon (RFC 5322, 2.2).
HEADER_NAME = re.compile(r"^[!-9;-~]+$")
# Control, format and line/paragraph separator characters: some mail software splits a
# header at any of them, as at a line break.
_BREAKING_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def header_safe(value) -> str:
    """Return `value` as one header line: every line break or control character is a space.

    Names and subjects come from people (a company called "A\\r\\nBcc: x"); a line break
    in a header would either inject a header or make the message unsendable for good
    (Django refuses it with BadHeaderError, so every retry fails too).
    """
    text = "".join(
        " " if unicodedata.category(character) in _BREAKING_CATEGORIES else character
        for character in str(value)
    )
    return " ".join(text.split())


def mail_queue(
    *,
    to: str,
    subject,
    body,
    html=None,
    headers: dict | None = None,
    language: str | None = None,
    priority: str = "medium",
    forget_once_sent: bool = False,
) -> Email | None:
    """Write an e-mail to the outbox in the caller's transaction; send it after commit.

    `subject`, `body` and `html` may be lazy translations: they are rendered in `language`
    (else the active one). Returns the row, or None when there is nobody to send to (an
    erased or invalid address: the change itself must still be saved). A mail
    `forget_once_sent` (the privacy engine's last letter to a person it has just erased)
    is deleted as soon as it is sent, so that its address outlives the erasure only until
    then.
    """
    address = str(to or "").strip().lower()
    if not address or is_erased_email(address):
        return None
    with translation.override(language) if language else nullcontext():
        subject, body, html = header_safe(subject), str(body), str(html or "")
    email = Email(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        subject=subject[:989],
        message=body,
        html_message=html,
        headers=_safe_headers(headers) or None,
        priority=PRIORITIES[priority],
        status=STATUS.queued,
        message_id=make_msgid(domain=get_message_id_fqdn()),
        # post_office reads `context` only for mails rendered from its templates (never here).
        context={FORGET_ONCE_SENT: True} if forget_once_sent else None,
    )
    try:
        email.save()  # post_office validates the addresses (full_clean) before the INSERT
    except ValidationError as error:
        logger.warning("Not queued: an e-mail to an invalid address (%s).", error.messages)
        return None
    transaction.on_commit(lambda: mail_publish(email_id=email.pk))
    return email


def _safe_headers(headers: dict | None) -> dict:
    safe = {}
    for name, value in (headers or {}).items():
        if not HEADER_NAME.match(str(name)):
            raise ValueError(f"Not a header name: {name!r}")
        safe[str(name)] = header_safe(value)
    return safe


def mail_publish(*, email_id: int) -> bool:
    """Ask a worker to send the mail; return False (the drain sends it later) if that fails."""
    from outbox.tasks import mail_send_task

    try:
        mail_send_task.delay(email_id)
    except Exception as error:
        # Whatever the broker or its client raise (BrokerUnavailable while the breaker is
        # open, kombu's OperationalError, a socket error), the change this mail tells about
        # is committed and must stand: the row stays queued for the drain.
        logger.info("E-mail %s left for the outbox drain (%s).", email_id, type(error).__name__)
        return False
    return True


def mail_send(*, email_id: int, now=None) -> bool:
    """Send one queued e-mail whose time has come; return whether this call sent it.

    A row that is sent, failed for good, scheduled later or being sent by another worker
    (locked) is left alone. A failure is recorded on the row and scheduled for a retry;
    `SERVER_DOWN` errors are raised after that, so a drain can stop trying for now.
    """
    now = now or timezone.now()
    server_down = None
    with transaction.atomic():
        email = (
            Email.objects.select_for_update(skip_locked=True).filter(_due(now), pk=email_id).first()
        )
        if email is None:
            return False
        try:
            # A connection of its own per mail, opened and closed by `send`.
            email.prepare_email_message().send()
        except Exception as error:  # SMTP, socket, header and backend errors alike
            _record_failure(email, error, now=now)
            server_down = error if isinstance(error, SERVER_DOWN) else None
            sent = False
        else:
            if (email.context or {}).get(FORGET_ONCE_SENT):
                email.delete()  # with its sending log (cascade)
            else:
                email.status = STATUS.sent
                email.save(update_fields=["status", "last_updated"])
                Log.objects.create(email=email, status=STATUS.sent, message="")
            sent = True
    if server_down is not None:
        raise server_down
    return sent


def _due(now) -> Q:
    return (
        Q(status__in=PENDING)
        & (Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now))
        & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    )


def _record_failure(email: Email, error: Exception, *, now) -> None:
    attempts = (email.number_of_retries or 0) + 1
    email.number_of_retries = attempts
    gives_up = not isinstance(error, SERVER_DOWN) and attempts >= settings.OUTBOX_MAX_ATTEMPTS
    if gives_up:
        email.status = STATUS.failed
    else:
        delay = timedelta(minutes=settings.OUTBOX_RETRY_MINUTES * 2 ** min(attempts - 1, 10))
        email.status = STATUS.requeued
        email.scheduled_time = now + min(delay, RETRY_DELAY_CAP)
    email.save(update_fields=["status", "number_of_retries", "scheduled_time", "last_updated"])
    Log.objects.create(
        email=email,
        status=STATUS.failed,
        message=str(error)[:1000],
        exception_type=type(error).__name__,
    )
    outcome = "given up" if gives_up else f"next try at {email.scheduled_time:%H:%M:%S}"
    logger.warning("E-mail %s not sent (%s); %s.", email.pk, type(error).__name__, outcome)


def outbox_drain(*, now=None, grace: timedelta = timedelta(seconds=30), limit: int = 500) -> int:
    """Send the due e-mails older than `grace`; return how many were sent.

    Run by Celery beat every minute. Younger rows are left to the publish their own commit
    triggered. Stops at the first sign that the mail server is down: the rest wait for the
    next run instead of each waiting for its own timeout.
    """
    now = now or timezone.now()
    due = (
        Email.objects.filter(_due(now), created__lte=now - grace)
        .order_by("-priority", "created", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for email_id in list(due):
        try:
            sent += mail_send(email_id=email_id, now=now)
        except SERVER_DOWN:
            break
    return sent


def outbox_purge(*, now=None) -> int:
    """Delete e-mails older than OUTBOX_RETENTION_DAYS, whatever their status; return how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _attachments = cleanup_expired_mails(cutoff, delete_attachments=True)
    return deleted
