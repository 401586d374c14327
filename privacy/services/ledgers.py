"""Writes of the consent and disclosure ledgers.

Other apps call these; every function takes keyword arguments only and writes its ledger
row in the caller's transaction, so a consent is recorded exactly when the thing it is
for (a sign-up, an order) is saved, and never without it.
"""

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from portal.errors import ShownError
from privacy.hashing import email_hash
from privacy.models import ConsentEvent, DisclosureEvent, DisclosurePerson, PolicyVersion, Purpose
from privacy.texts import stored_text


class ConsentError(ShownError):
    """A consent that cannot be recorded; the message is safe to show."""


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


def _purpose(purpose) -> Purpose:
    return purpose if isinstance(purpose, Purpose) else Purpose.objects.get(code=purpose)


def _record_consent(*, action, purpose, channel, text_shown, user, email, ip, user_agent, policy):
    if user is None and not email:
        raise ConsentError("A consent needs a subject: a user or a guest's e-mail.")
    if policy is None:
        policy = PolicyVersion.objects.privacy().published().order_by("-version").first()
    return ConsentEvent.objects.create(
        user=user,
        subject_hash="" if user is not None else email_hash(email),
        purpose=_purpose(purpose),
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


def disclosure_record(
    *,
    actor,
    actor_label,
    fields,
    purpose,
    reason,
    subject=None,
    email="",
    object_label="",
    hidden_from_subject=False,
) -> DisclosureEvent:
    """Record that `actor` saw `fields` of a person's data (a user, or a guest by e-mail).

    Pass `actor_label` and `reason` as lazy translations where they are the portal's own
    words: they are stored in English and shown in the language of whoever reads them.
    `hidden_from_subject` is for a state body's request that forbids telling the person.
    """
    return DisclosureEvent.objects.create(
        actor=actor,
        actor_label=stored_text(actor_label),
        subject=subject,
        subject_hash="" if subject is not None or not email else email_hash(email),
        fields=list(fields),
        purpose=_purpose(purpose),
        reason=stored_text(reason),
        object_label=object_label[:255],
        created_at=timezone.now(),
        hidden_from_subject=hidden_from_subject,
    )


def disclosure_record_many(
    *, actor, actor_label, fields, purpose, reason, people: Iterable[tuple], object_label=""
) -> DisclosureEvent | None:
    """Record one disclosure naming several people (a list page in admin): one event, and
    one row per person it names; `people` holds (user id or None, e-mail) pairs.

    Return None when the page showed nobody.
    """
    named = {(uid, "" if uid else email_hash(email)) for uid, email in people if uid or email}
    if not named:
        return None
    # No savepoint of its own: the event and its people are written with the page's view.
    with transaction.atomic(savepoint=False):
        event = disclosure_record(
            actor=actor, actor_label=actor_label, fields=fields, purpose=purpose,
            reason=reason, object_label=object_label,
        )  # fmt: skip
        DisclosurePerson.objects.bulk_create(
            DisclosurePerson(event=event, user_id=user_id, subject_hash=hashed)
            for user_id, hashed in sorted(named, key=str)
        )
    return event
