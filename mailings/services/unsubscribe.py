"""Withdrawing the consent to marketing from the link of an e-mail (also one-click)."""

from __future__ import annotations

from enum import Enum

from django.contrib.auth import get_user_model
from django.db import transaction

from mailings.unsubscribe import unsubscribe_read
from privacy.models import ConsentEvent, Purpose
from privacy.selectors import consent_given
from privacy.services import consent_withdraw


class Unsubscribed(Enum):
    WITHDRAWN = "withdrawn"  # the consent was given and is now withdrawn
    ALREADY = "already"  # nothing to withdraw: no second ledger event
    INVALID = "invalid"  # forged, altered or expired token, or no such account: no change


def unsubscribe_subject(*, token: str):
    """Return the active user a token names, or None (forged, expired, account closed)."""
    payload = unsubscribe_read(token)
    if payload is None:
        return None
    return get_user_model()._default_manager.filter(pk=payload["u"], is_active=True).first()


def unsubscribe_confirm(
    *, token: str, text_shown, ip: str = "", user_agent: str = ""
) -> Unsubscribed:
    """Withdraw the marketing consent of the person the token names, at once.

    Idempotent: the person's row is locked and the ledger read first, so a second click
    (or a mail program's POST and the person's own) writes one event, not two.
    """
    user = unsubscribe_subject(token=token)
    if user is None:
        return Unsubscribed.INVALID
    users = get_user_model()._default_manager
    with transaction.atomic():
        users.select_for_update().filter(pk=user.pk).values_list("pk").first()
        if not consent_given(purpose=Purpose.MARKETING, user=user):
            return Unsubscribed.ALREADY
        consent_withdraw(
            purpose=Purpose.MARKETING,
            channel=ConsentEvent.Channel.UNSUBSCRIBE,
            text_shown=text_shown,
            user=user,
            ip=ip,
            user_agent=user_agent,
        )
    return Unsubscribed.WITHDRAWN
