"""Writes of support: submissions from the public forms, and what staff do about them.

Every function takes keyword-only arguments and writes inside one transaction: a
submission together with its consent in the ledger, a moderation step together with its
`ComplaintAction` row. E-mails to reporters go to the outbox in that same transaction
(`outbox.services.mail_queue`), which sends them once it commits and retries while the
broker or the mail server is down.
Refusals raise `SupportError` with a message for staff; the admin shows it.
"""

from __future__ import annotations

from typing import NoReturn

from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from listings.models import Listing, Review
from listings.rules import Rule
from listings.services import listings_block, review_set_hidden
from outbox.services import mail_queue
from portal.errors import ShownError
from privacy.models import ConsentEvent, Purpose
from privacy.registry import normalise_email
from privacy.services import consent_grant, site_url
from support import texts
from support.models import CallbackRequest, Complaint, ComplaintAction, Feedback
from support.selectors import ComplaintTarget

COMPLAINT_CLOSED = _("Complaint #%(pk)s is already closed (%(status)s).")
NOT_ABOUT_A_LISTING = _("Complaint #%(pk)s is not about a listing.")
NOT_ABOUT_A_REVIEW = _("Complaint #%(pk)s is not about a review.")
NO_SELLER = _("Complaint #%(pk)s names no seller (it may have been deleted).")
TARGET_GONE = _("The item of complaint #%(pk)s no longer exists.")
REJECT_NEEDS_REASON = _("Give the reason for rejecting: the reporter is told it.")
MODERATION_NEEDS_RULE = _("Choose the rule that is broken: every moderation decision cites one.")


class SupportError(ShownError):
    """A refused support step; `message` is safe to show to staff."""


def _signed_in(user):
    return user if user is not None and user.is_authenticated else None


def _consent(*, text_shown, user=None, email="", ip="", user_agent="") -> ConsentEvent:
    return consent_grant(
        purpose=Purpose.SERVICE,
        channel=ConsentEvent.Channel.SUPPORT,
        text_shown=str(text_shown),
        user=user,
        email=email,
        ip=ip,
        user_agent=user_agent,
    )


# --- Submissions ------------------------------------------------------------------------------


@transaction.atomic
def complaint_submit(
    *,
    target: ComplaintTarget,
    reason: str,
    text: str,
    consent_text: str,
    user=None,
    name: str = "",
    email: str = "",
    ip: str = "",
    user_agent: str = "",
) -> Complaint:
    """Save a complaint and the reporter's consent; a signed-in user gives no name or e-mail."""
    user = _signed_in(user)
    guest_email = "" if user else normalise_email(email)
    complaint = Complaint.objects.create(
        reporter=user,
        guest_name="" if user else name.strip(),
        guest_email=guest_email,
        reason=reason,
        text=text,
        **target.fields(),
    )
    _consent(text_shown=consent_text, user=user, email=guest_email, ip=ip, user_agent=user_agent)
    return complaint


@transaction.atomic
def callback_submit(
    *,
    name: str,
    phone,
    preferred_time: str,
    topic: str,
    consent_text: str,
    user=None,
    ip: str = "",
    user_agent: str = "",
) -> CallbackRequest:
    """Save a callback request with its consent.

    A signed-in user's consent goes to the ledger. A guest gives no e-mail, and the ledger
    needs a user or an e-mail, so the guest's statement is kept on the request itself.
    """
    user = _signed_in(user)
    callback = CallbackRequest.objects.create(
        user=user,
        name=name.strip(),
        phone=phone,
        preferred_time=preferred_time,
        topic=topic,
        consent_text="" if user else str(consent_text),
    )
    if user:
        _consent(text_shown=consent_text, user=user, ip=ip, user_agent=user_agent)
    return callback


@transaction.atomic
def feedback_submit(
    *,
    name: str,
    email: str,
    message: str,
    consent_text: str,
    user=None,
    ip: str = "",
    user_agent: str = "",
) -> Feedback:
    """Save a message to the portal with its consent (under the account, if signed in)."""
    user = _signed_in(user)
    email = normalise_email(email)
    feedback = Feedback.objects.create(user=user, name=name.strip(), email=email, message=message)
    _consent(
        text_shown=consent_text, user=user, email="" if user else email, ip=ip,
        user_agent=user_agent,
    )  # fmt: skip
    return feedback


# --- Complaints: what staff do ----------------------------------------------------------------


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("reporter")
        .get(pk=complaint.pk)
    )


def _record(
    complaint: Complaint, *, kind: str, actor, note: str = "", rule: str = ""
) -> ComplaintAction:
    return ComplaintAction.objects.create(
        complaint=complaint, kind=kind, actor=actor, note=note, rule=rule
    )


def _refuse(message, complaint: Complaint) -> NoReturn:
    raise SupportError(
        message % {"pk": complaint.pk, "status": complaint.get_status_display().lower()}
    )


def _close(complaint: Complaint, *, status: str, resolution: str, rule: str = "") -> None:
    """Close the complaint and tell the reporter (with the rule broken, if any)."""
    complaint.status = status
    complaint.resolution = resolution
    complaint.closed_at = timezone.now()
    complaint.save(update_fields=["status", "resolution", "closed_at"])
    _mail_reporter(complaint, rule=rule)


def _mail_reporter(complaint: Complaint, *, rule: str = "") -> None:
    """Queue the outcome for the reporter in the outbox, in the closing transaction."""
    to = complaint.reporter_email
    if not to:
        return
    subject = texts.COMPLAINT_CLOSED_SUBJECT % {
        "pk": complaint.pk,
        "status": complaint.get_status_display().lower(),
    }
    context = {
        "complaint": complaint,
        "rule": Rule(rule).label if rule else "",
        "rules_url": site_url("legal:rules"),
    }
    body = render_to_string("support/email/complaint_closed.txt", context)
    mail_queue(to=to, subject=subject, body=body)


@transaction.atomic
def complaint_start_review(*, complaint: Complaint, actor) -> Complaint:
    """Mark a new complaint as being looked into."""
    complaint = _locked(complaint)
    if not complaint.is_open:
        _refuse(COMPLAINT_CLOSED, complaint)
    if complaint.status == Complaint.Status.NEW:
        complaint.status = Complaint.Status.IN_REVIEW
        complaint.save(update_fields=["status"])
        _record(complaint, kind=ComplaintAction.Kind.REVIEW_STARTED, actor=actor)
    return complaint


def _moderate(complaint, *, actor, kind, note, resolution, rule) -> Complaint:
    _record(complaint, kind=kind, actor=actor, note=note, rule=rule)
    # Moderation may follow a closed complaint (a second look); only an open one is
    # closed by it, and only then is the reporter told.
    if complaint.is_open:
        _close(complaint, status=Complaint.Status.RESOLVED, resolution=str(resolution), rule=rule)
    return complaint


def _check_rule(rule: str) -> str:
    if rule not in Rule.values:
        raise SupportError(MODERATION_NEEDS_RULE)
    return rule


@transaction.atomic
def complaint_hide_listing(*, complaint: Complaint, actor, rule: str, note: str = "") -> Complaint:
    """Block the reported listing (it leaves search and its page) and resolve the complaint."""
    _check_rule(rule)
    complaint = _locked(complaint)
    if complaint.target_kind != Complaint.TargetKind.LISTING:
        _refuse(NOT_ABOUT_A_LISTING, complaint)
    if complaint.listing_id is None:
        _refuse(TARGET_GONE, complaint)
    listings_block(listings=Listing.objects.filter(pk=complaint.listing_id), rule=rule)
    return _moderate(
        complaint, actor=actor, kind=ComplaintAction.Kind.LISTING_HIDDEN, note=note,
        resolution=texts.RESOLUTION_LISTING_HIDDEN, rule=rule,
    )  # fmt: skip


@transaction.atomic
def complaint_hide_review(*, complaint: Complaint, actor, rule: str, note: str = "") -> Complaint:
    """Hide the reported review from the seller's page and resolve the complaint."""
    _check_rule(rule)
    complaint = _locked(complaint)
    if complaint.target_kind != Complaint.TargetKind.REVIEW:
        _refuse(NOT_ABOUT_A_REVIEW, complaint)
    if complaint.review_id is None:
        _refuse(TARGET_GONE, complaint)
    reviews = Review.objects.filter(pk=complaint.review_id)
    review_set_hidden(reviews=reviews, hidden=True, rule=rule)
    return _moderate(
        complaint, actor=actor, kind=ComplaintAction.Kind.REVIEW_HIDDEN, note=note,
        resolution=texts.RESOLUTION_REVIEW_HIDDEN, rule=rule,
    )  # fmt: skip


@transaction.atomic
def complaint_block_seller(*, complaint: Complaint, actor, rule: str, note: str = "") -> Complaint:
    """Block every listing of the seller the complaint names, and resolve the complaint."""
    _check_rule(rule)
    complaint = _locked(complaint)
    if complaint.seller_id is None:
        _refuse(NO_SELLER, complaint)
    listings = Listing.objects.filter(company_id=complaint.seller_id)
    blocked = listings_block(listings=listings, rule=rule)
    note = note or str(_("%(n)d listings blocked.") % {"n": blocked})
    return _moderate(
        complaint, actor=actor, kind=ComplaintAction.Kind.SELLER_BLOCKED, note=note,
        resolution=texts.RESOLUTION_SELLER_BLOCKED, rule=rule,
    )  # fmt: skip


@transaction.atomic
def complaint_resolve(*, complaint: Complaint, actor, resolution: str = "") -> Complaint:
    """Close the complaint as resolved and tell the reporter `resolution`."""
    complaint = _locked(complaint)
    if not complaint.is_open:
        _refuse(COMPLAINT_CLOSED, complaint)
    resolution = resolution.strip() or str(texts.RESOLUTION_DEFAULT)
    _record(complaint, kind=ComplaintAction.Kind.RESOLVED, actor=actor, note=resolution)
    _close(complaint, status=Complaint.Status.RESOLVED, resolution=resolution)
    return complaint


@transaction.atomic
def complaint_reject(*, complaint: Complaint, actor, reason: str) -> Complaint:
    """Close the complaint as rejected and tell the reporter why."""
    reason = (reason or "").strip()
    if not reason:
        raise SupportError(REJECT_NEEDS_REASON)
    complaint = _locked(complaint)
    if not complaint.is_open:
        _refuse(COMPLAINT_CLOSED, complaint)
    _record(complaint, kind=ComplaintAction.Kind.REJECTED, actor=actor, note=reason)
    _close(complaint, status=Complaint.Status.REJECTED, resolution=reason)
    return complaint


# --- Callback requests and feedback -----------------------------------------------------------


@transaction.atomic
def support_mark_handled(*, requests: QuerySet, actor) -> int:
    """Mark open callback requests or feedback as handled by `actor`; return how many."""
    return requests.filter(is_handled=False).update(
        is_handled=True, handled_by=actor, handled_at=timezone.now()
    )


def callbacks_purge_guests(*, before) -> int:
    """Delete guests' callback requests received before `before`; return how many.

    A guest's callback has no e-mail, so the retention sweep, which finds guests by
    e-mail, cannot see it: this deletes it once it is as old as the retention period.
    """
    deleted, _per_model = CallbackRequest.objects.filter(
        user__isnull=True, created_at__lt=before
    ).delete()
    return deleted
