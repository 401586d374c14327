"""Telling every active user that a legal text has a new version, in their own language.

Publishing a version (privacy.services.policy_publish) queues this once it commits. Users
are taken in batches of LEGAL_ANNOUNCE_BATCH by ascending id, and each batch is sent and
remembered (`PolicyVersion.announced_to_user`) in one transaction, under a lock on the
version: a run that stops half-way, or a second run started by the resume task, carries on
after the last batch done, and nobody is written to twice for one version. Memory stays
one batch, whatever the number of users.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from privacy import notify
from privacy.models import PolicyVersion
from privacy.models.purposes import VERSION_URL_NAMES

LEGAL_CHANGE_SUBJECT = _("Dala Market: %(document)s, version %(version)s")
RESUME_AFTER_MINUTES = 10


def _language_of(user) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return language if language in languages else settings.LANGUAGE_CODE


def _user_columns(user_model) -> list[str]:
    try:
        user_model._meta.get_field("language")
    except FieldDoesNotExist:
        return ["pk", "email"]
    return ["pk", "email", "language"]


def legal_change_mail(*, version: PolicyVersion, user) -> None:
    """Write one user the summary of a new version, in the user's language."""
    from privacy.services import site_url

    with translation.override(_language_of(user)):
        subject = LEGAL_CHANGE_SUBJECT % {
            "document": version.get_document_display(),
            "version": version.version,
        }
        body = render_to_string(
            "privacy/email/legal_change.txt",
            {
                "version": version,
                "url": site_url(VERSION_URL_NAMES[version.document], version.version),
                "rights_url": site_url("privacy:rights"),
            },
        )
        notify.mail_send(to=user.email, subject=str(subject), body=body)


def _announce_batch(*, version_id: int, size: int) -> int | None:
    """Send the next batch; return how many were written to, or None when all were."""
    user_model = get_user_model()
    with transaction.atomic():
        version = PolicyVersion.objects.select_for_update().get(pk=version_id)
        if version.announced_at is not None:
            return None
        users = list(
            user_model._default_manager.filter(is_active=True, pk__gt=version.announced_to_user)
            .order_by("pk")
            .only(*_user_columns(user_model))[:size]
        )
        if not users:
            version.announced_at = timezone.now()
            version.save(update_fields=["announced_at"])
            return None
        for user in users:
            legal_change_mail(version=version, user=user)
        version.announced_to_user = users[-1].pk
        version.save(update_fields=["announced_to_user"])
        return len(users)


def legal_change_announce(*, version_id: int, batch_size: int | None = None) -> int:
    """Announce a published version to every active user not yet told; return how many."""
    size = batch_size or settings.LEGAL_ANNOUNCE_BATCH
    total = 0
    while (sent := _announce_batch(version_id=version_id, size=size)) is not None:
        total += sent
    return total


def legal_announcements_pending() -> list[int]:
    """Return the published versions whose announcement never finished (broker down, crash)."""
    stale = timezone.now() - timedelta(minutes=RESUME_AFTER_MINUTES)
    return list(
        PolicyVersion.objects.published()
        .filter(version__gt=1, announced_at__isnull=True, published_at__lt=stale)
        .values_list("pk", flat=True)
    )
