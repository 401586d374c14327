"""Writes of the privacy core: consent and disclosure ledgers, data requests.

Other apps call these; every function takes keyword arguments only and writes its ledger
row in the caller's transaction, so a consent is recorded exactly when the thing it is
for (a sign-up, an order) is saved, and never without it.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _lazy

from privacy.models import ConsentEvent, DataRequest, DisclosureEvent, PolicyVersion, Purpose
from privacy.registry import normalise_email


class ConsentError(Exception):
    """A consent that cannot be recorded; the message is safe to show."""


def email_hash(email: str) -> str:
    """Return the keyed hash under which a guest's e-mail appears in the ledgers."""
    key = (getattr(settings, "PRIVACY_HASH_KEY", "") or settings.SECRET_KEY).encode()
    return hmac.new(key, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def truncate_ip(ip: str | None) -> str | None:
    """Return the address with its host part zeroed: /24 for IPv4, /48 for IPv6."""
    if not ip:
        return None
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def request_meta(request) -> dict:
    """Return the IP and user agent of a request, as the ledgers keep them."""
    return {
        "ip": request.META.get(settings.CLIENT_IP_META_KEY, "").split(",")[0].strip(),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:512],
    }


def language_code() -> str:
    """Return the active language as the ledgers store it ("ru", "kk" or "en")."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _record_consent(*, action, purpose, channel, text_shown, user, email, ip, user_agent, policy):
    if user is None and not email:
        raise ConsentError("A consent needs a subject: a user or a guest's e-mail.")
    purpose_obj = purpose if isinstance(purpose, Purpose) else Purpose.objects.get(code=purpose)
    if policy is None:
        policy = PolicyVersion.objects.privacy().published().order_by("-version").first()
    return ConsentEvent.objects.create(
        user=user,
        subject_hash="" if user is not None else email_hash(email),
        purpose=purpose_obj,
        action=action,
        policy_version=policy,
        channel=channel,
        # The text is resolved in the language the person is reading, and stored with it.
        text_shown=str(text_shown),
        language=language_code(),
        created_at=timezone.now(),
        ip_truncated=truncate_ip(ip),
        user_agent=(user_agent or "")[:512],
    )


def consent_grant(
    *, purpose, channel, text_shown, user=None, email="", ip="", user_agent="", policy=None
) -> ConsentEvent:
    """Record that the subject granted consent to `purpose` after seeing `text_shown`."""
    return _record_consent(
        action=ConsentEvent.Action.GRANT, purpose=purpose, channel=channel, text_shown=text_shown,
        user=user, email=email, ip=ip, user_agent=user_agent, policy=policy,
    )  # fmt: skip


def consent_withdraw(
    *, purpose, channel, text_shown, user=None, email="", ip="", user_agent="", policy=None
) -> ConsentEvent:
    """Record that the subject withdrew consent to `purpose`."""
    return _record_consent(
        action=ConsentEvent.Action.WITHDRAW, purpose=purpose, channel=channel,
        text_shown=text_shown, user=user, email=email, ip=ip, user_agent=user_agent,
        policy=policy,
    )  # fmt: skip


def _stored_text(value) -> str:
    """Return a developer's text (a lazy translation) as its English message id.

    Ledger rows are read later by someone who may read another language: stored as the
    message id, "Handling a complaint" is shown in the reader's language (privacy_tags'
    `stored_text`). Anything else (a company's name) is stored as it is.
    """
    if isinstance(value, Promise):
        with translation.override("en"):
            return str(value)
    return value


def disclosure_record(
    *, actor, actor_label, fields, purpose, reason, subject=None, email="", object_label=""
) -> DisclosureEvent:
    """Record that `actor` saw `fields` of a person's data (a user, or a guest by e-mail).

    Pass `actor_label` and `reason` as lazy translations where they are the portal's own
    words: they are stored in English and shown in the language of whoever reads them.
    """
    return DisclosureEvent.objects.create(
        actor=actor,
        actor_label=_stored_text(actor_label),
        subject=subject,
        subject_hash="" if subject is not None or not email else email_hash(email),
        fields=list(fields),
        purpose=purpose if isinstance(purpose, Purpose) else Purpose.objects.get(code=purpose),
        reason=_stored_text(reason),
        object_label=object_label[:255],
        created_at=timezone.now(),
    )


def data_request_create(*, kind, user=None, email="", details="", verified=False) -> DataRequest:
    """Open a data request; a signed-in user's request counts as verified at once.

    A verified request that the portal answers by itself (erasure, objection, withdrawal)
    is queued to run as soon as the transaction commits.
    """
    now = timezone.now()
    with transaction.atomic():
        data_request = DataRequest.objects.create(
            kind=kind,
            user=user,
            email=normalise_email(email or (user.email if user else "")),
            details=details,
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


def subject_export(*, subjects) -> dict:
    """Return every declared source's rows for the subjects, keyed by source.

    Built from the registry alone, so a source declared anywhere is exported here with no
    further code. One query per source whatever the number of subjects.
    """
    from privacy.registry import registry

    return {
        source.key: {
            "description": source.description,
            "purpose": source.purpose,
            "legal_basis": source.legal_basis,
            "recipients": source.recipients,
            "rows": source.export(subjects),
        }
        for source in registry.sources()
    }


POLICY_CACHE_KEY = "privacy:policy-version-in-force"
POLICY_SESSION_KEY = "privacy_policy_accepted"


def policy_publish(*, policy: PolicyVersion) -> PolicyVersion:
    """Publish a version of a legal text now, and announce it.

    A new privacy policy is put to signed-in users to accept at their next visit. A version
    that replaces an earlier one is announced on the home page for NOTICE_DAYS and by
    e-mail to every active user, in batches, by a task queued once this commits.
    """
    from django.core.cache import cache

    from privacy.selectors import LEGAL_NOTICES_CACHE_KEY
    from privacy.tasks import legal_change_announce_task

    with transaction.atomic():
        policy.published_at = timezone.now()
        policy.save(update_fields=["published_at"])
        transaction.on_commit(
            lambda: cache.delete_many([POLICY_CACHE_KEY, LEGAL_NOTICES_CACHE_KEY])
        )
        if policy.version > 1:
            _enqueue_on_commit(legal_change_announce_task, policy.pk)
    return policy


def policy_accept(*, user, policy: PolicyVersion, text_shown: str, ip="", user_agent=""):
    """Record a signed-in user's acceptance of `policy` for every required purpose."""
    with transaction.atomic():
        return [
            consent_grant(
                purpose=purpose,
                channel=ConsentEvent.Channel.ACCOUNT,
                text_shown=text_shown,
                user=user,
                ip=ip,
                user_agent=user_agent,
                policy=policy,
            )
            for purpose in Purpose.objects.filter(is_required=True)
        ]


def cookie_choice_record(*, user, groups, accepted: bool, text_shown: str, ip="", user_agent=""):
    """Record a signed-in user's cookie choice as consent events of the matching purposes."""
    record = consent_grant if accepted else consent_withdraw
    with transaction.atomic():
        return [
            record(
                purpose=purpose,
                channel=ConsentEvent.Channel.COOKIE_BANNER,
                text_shown=text_shown,
                user=user,
                ip=ip,
                user_agent=user_agent,
            )
            for purpose in Purpose.objects.filter(cookie_group__in=[g.varname for g in groups])
        ]


# --- Data requests -----------------------------------------------------------------------

REQUEST_CONFIRM_SALT = "privacy.request.confirm"
REQUEST_DOWNLOAD_SALT = "privacy.request.download"
REQUEST_CONFIRM_DAYS = 7
REQUEST_DOWNLOAD_DAYS = 14


class DataRequestError(Exception):
    """A data request that cannot move on; the message is safe to show."""


def _enqueue_on_commit(task, *args) -> None:
    """Send a task after commit; if the broker is down, log it: a periodic task resumes."""
    import logging

    def send():
        try:
            task.delay(*args)
        except Exception:  # the broker is unreachable: data_requests_resume picks it up
            logging.getLogger(__name__).warning("Could not queue %s%s", task.name, args)

    transaction.on_commit(send)


def _mail(*, to: str, subject: str, template: str, context: dict) -> None:
    """Queue an e-mail in the outbox, in the caller's transaction (sent after commit)."""
    from django.template.loader import render_to_string

    from outbox.services import mail_queue

    mail_queue(to=to, subject=subject, body=render_to_string(template, context), priority="high")


def site_url(name: str, *args) -> str:
    """Return an absolute link for an e-mail (the request's host, else SITE_URL)."""
    from privacy.links import absolute_url_of

    return absolute_url_of(name, *args)


def data_request_signed(*, data_request: DataRequest, salt: str) -> str:
    from django.core import signing

    return signing.dumps(data_request.pk, salt=salt)


def data_request_unsign(*, token: str, salt: str, days: int) -> DataRequest:
    from django.core import signing

    from privacy.texts import REQUEST_LINK_INVALID

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
    from privacy.texts import REQUEST_CONFIRM_SUBJECT

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
            _mail(
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
        data_request.due_at = now + timezone.timedelta(days=settings.PRIVACY_REQUEST_DAYS)
        data_request.save(update_fields=["status", "verified_at", "due_at"])
        _schedule_automatic(data_request)
    return data_request


# Kinds the portal answers by itself once verified; the others need a person (staff).
AUTOMATIC_KINDS = {
    DataRequest.Kind.ERASURE,
    DataRequest.Kind.OBJECTION,
    DataRequest.Kind.WITHDRAWAL,
}


def _schedule_automatic(data_request: DataRequest) -> None:
    if data_request.kind in AUTOMATIC_KINDS:
        from privacy.tasks import data_request_run_task

        _enqueue_on_commit(data_request_run_task, data_request.pk)


def _subjects_of(data_request: DataRequest):
    from privacy.erasure import subjects_of_users
    from privacy.registry import Subjects

    if data_request.user_id:
        subjects = subjects_of_users([data_request.user_id])
        return Subjects(user_ids=subjects.user_ids, emails=subjects.emails | {data_request.email})
    return Subjects.of(emails=[data_request.email])


def _answer_access(data_request: DataRequest, subjects) -> list[str]:
    from privacy.texts import EXPORT_READY_SUBJECT

    export = subject_export(subjects=subjects)
    data_request.export = export
    data_request.report = {"rows_per_source": {k: len(v["rows"]) for k, v in export.items()}}
    if not data_request.user_id:
        # A guest has no account to download from: they get a signed, expiring link.
        token = data_request_signed(data_request=data_request, salt=REQUEST_DOWNLOAD_SALT)
        _mail(
            to=data_request.email,
            subject=EXPORT_READY_SUBJECT,
            template="privacy/email/export_ready.txt",
            context={
                "url": site_url("privacy:request_download", token),
                "days": REQUEST_DOWNLOAD_DAYS,
            },
        )
    return ["export"]


def _answer_erasure(data_request: DataRequest, subjects) -> list[str]:
    from privacy.erasure import subjects_erase

    result = subjects_erase(subjects=subjects)
    data_request.report = result.as_report()
    data_request.check_failed = not result.check_passed
    if result.held:
        data_request.status = DataRequest.Status.BLOCKED
        data_request.rejection_reason = "; ".join(hold["reason"] for hold in result.held)
    return ["check_failed", "rejection_reason"]


def _answer_withdrawal(data_request: DataRequest, subjects) -> list[str]:
    if data_request.kind == DataRequest.Kind.OBJECTION:
        codes = [Purpose.MARKETING]
    else:
        codes = list(Purpose.objects.filter(legal_basis="consent").values_list("code", flat=True))
    subject = {"user": data_request.user} if data_request.user_id else {"email": data_request.email}
    text = f"Data request #{data_request.pk}: {data_request.get_kind_display()}"
    for code in codes:
        consent_withdraw(
            purpose=code, channel=ConsentEvent.Channel.ADMIN, text_shown=text, **subject
        )
    data_request.report = {"withdrawn": codes}
    return []


def _answer_by_staff(data_request: DataRequest, subjects) -> list[str]:
    # Rectification and restriction are carried out by a person, who then runs this.
    data_request.report = {"note": "Handled by staff."}
    return []


ANSWERS = {
    DataRequest.Kind.ACCESS: _answer_access,
    DataRequest.Kind.ERASURE: _answer_erasure,
    DataRequest.Kind.OBJECTION: _answer_withdrawal,
    DataRequest.Kind.WITHDRAWAL: _answer_withdrawal,
    DataRequest.Kind.RECTIFICATION: _answer_by_staff,
    # Weighing an objection against the interest it opposes is a person's decision.
    DataRequest.Kind.OBJECTION_INTEREST: _answer_by_staff,
    DataRequest.Kind.RESTRICTION: _answer_by_staff,
}


def data_request_run(*, data_request: DataRequest, actor=None) -> DataRequest:
    """Answer a verified request (export, erase, stop marketing) and store the report.

    The answer and the request's new status are saved in one transaction: a crash leaves
    the request in progress, and data_requests_resume runs it again.
    """
    if data_request.status not in (DataRequest.Status.VERIFIED, DataRequest.Status.IN_PROGRESS):
        raise DataRequestError(
            _lazy("Only a verified request can be run (this one is %(status)s).")
            % {"status": data_request.get_status_display()}
        )
    subjects = _subjects_of(data_request)
    data_request.handled_by = actor
    data_request.status = DataRequest.Status.IN_PROGRESS
    data_request.save(update_fields=["status", "handled_by"])
    with transaction.atomic():
        changed = ANSWERS[data_request.kind](data_request, subjects)
        if data_request.status == DataRequest.Status.IN_PROGRESS:
            data_request.status = DataRequest.Status.DONE
        data_request.completed_at = timezone.now()
        # Only these fields: erasure may just have anonymised this very row's e-mail.
        data_request.save(update_fields=["status", "report", "completed_at", *changed])
    return data_request


def data_request_reject(*, data_request: DataRequest, reason: str, actor) -> DataRequest:
    """Reject a request with a reason that the person is told."""
    from privacy.texts import REQUEST_REJECTED_SUBJECT

    if not reason.strip():
        raise DataRequestError(_lazy("Give the reason for the rejection."))
    with transaction.atomic():
        data_request.status = DataRequest.Status.REJECTED
        data_request.rejection_reason = reason
        data_request.handled_by = actor
        data_request.completed_at = timezone.now()
        data_request.save(
            update_fields=["status", "rejection_reason", "handled_by", "completed_at"]
        )
        _mail(
            to=data_request.email,
            subject=REQUEST_REJECTED_SUBJECT,
            template="privacy/email/request_rejected.txt",
            context={"request": data_request},
        )
    return data_request


def data_requests_resume() -> int:
    """Queue again the automatic requests whose task never ran (the broker was down)."""
    from privacy.tasks import data_request_run_task

    stale = timezone.now() - timezone.timedelta(minutes=10)
    pending = DataRequest.objects.filter(
        kind__in=AUTOMATIC_KINDS,
        status__in=[DataRequest.Status.VERIFIED, DataRequest.Status.IN_PROGRESS],
        verified_at__lt=stale,
    ).values_list("pk", flat=True)
    count = 0
    for pk in pending:
        data_request_run_task.delay(pk)
        count += 1
    return count
