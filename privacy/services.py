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
from django.utils import timezone

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
        "ip": request.META.get("REMOTE_ADDR", ""),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:512],
    }


def _record_consent(*, action, purpose, channel, text_shown, user, email, ip, user_agent, policy):
    if user is None and not email:
        raise ConsentError("A consent needs a subject: a user or a guest's e-mail.")
    purpose_obj = purpose if isinstance(purpose, Purpose) else Purpose.objects.get(code=purpose)
    return ConsentEvent.objects.create(
        user=user,
        subject_hash="" if user is not None else email_hash(email),
        purpose=purpose_obj,
        action=action,
        policy_version=policy if policy is not None else PolicyVersion.objects.published().first(),
        channel=channel,
        text_shown=str(text_shown),
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


def disclosure_record(
    *, actor, actor_label, fields, purpose, reason, subject=None, email="", object_label=""
) -> DisclosureEvent:
    """Record that `actor` saw `fields` of a person's data (a user, or a guest by e-mail)."""
    return DisclosureEvent.objects.create(
        actor=actor,
        actor_label=actor_label,
        subject=subject,
        subject_hash="" if subject is not None or not email else email_hash(email),
        fields=list(fields),
        purpose=purpose if isinstance(purpose, Purpose) else Purpose.objects.get(code=purpose),
        reason=reason,
        object_label=object_label[:255],
        created_at=timezone.now(),
    )


def data_request_create(*, kind, user=None, email="", details="", verified=False) -> DataRequest:
    """Open a data request; a signed-in user's request counts as verified at once."""
    now = timezone.now()
    with transaction.atomic():
        return DataRequest.objects.create(
            kind=kind,
            user=user,
            email=normalise_email(email or (user.email if user else "")),
            details=details,
            status=DataRequest.Status.VERIFIED if verified else DataRequest.Status.NEW,
            received_at=now,
            verified_at=now if verified else None,
        )


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
    """Publish a policy version now; signed-in users are asked to accept it next visit."""
    from django.core.cache import cache

    with transaction.atomic():
        policy.published_at = timezone.now()
        policy.save(update_fields=["published_at"])
        transaction.on_commit(lambda: cache.delete(POLICY_CACHE_KEY))
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
