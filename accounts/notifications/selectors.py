"""Reads of notification preferences: the one place that decides whether an e-mail goes."""

from dataclasses import dataclass

from accounts.models import NotificationPreference
from accounts.notifications.kinds import KINDS, OPTIONAL, Delivery, KindInfo


def notification_delivery(user, kind: str) -> str:
    """Return how `user` gets e-mails of `kind`: Delivery.NOW, DAILY or OFF.

    Guests (no user) and the kinds the law or a contract requires always get them at once.
    """
    info = KINDS[kind]
    if user is None or not getattr(user, "is_authenticated", False) or info.required:
        return Delivery.NOW
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    if chosen is None or (chosen == Delivery.DAILY and not info.digestible):
        return info.default
    return chosen


def notification_wanted(user, kind: str) -> bool:
    """Return whether an e-mail of `kind` is to reach `user` at all (now or in a digest)."""
    return notification_delivery(user, kind) != Delivery.OFF


@dataclass(frozen=True)
class NotificationRow:
    """One kind on the notifications page, with the person's current choice."""

    info: KindInfo
    delivery: str


def notification_choices(*, user) -> list[NotificationRow]:
    """Return every optional kind with the user's current choice (one query)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return [NotificationRow(info, chosen.get(info.code, info.default)) for info in OPTIONAL]
