"""Writes of notification preferences, and the one way a notification e-mail goes out.

`notification_send` is called by the senders below mailings (orders, deals) inside the
transaction of their change, in place of the outbox: it asks the person's choice, then
queues the e-mail with a footer that links to /account/notifications/, or holds it for the
daily digest, or drops it. Guests have no choices and get every e-mail as before.
"""

from contextlib import nullcontext

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import NotificationDigestItem, NotificationPreference, User
from accounts.notifications.kinds import KINDS, OPTIONAL, Delivery
from accounts.notifications.selectors import notification_delivery
from outbox.services import header_safe, mail_queue

DIGEST_SUBJECT = _("Dala Market: your notifications of the day (%(n)s)")
DIGEST_BATCH = 500


def notifications_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accounts:notifications")


def notification_preferences_save(*, user, choices: dict[str, str]) -> None:
    """Store the user's choice for each optional kind (the form validated the values)."""
    with transaction.atomic():
        for info in OPTIONAL:
            delivery = choices.get(info.code)
            if delivery is None:
                continue
            NotificationPreference.objects.update_or_create(
                user=user, kind=info.code, defaults={"delivery": delivery}
            )


def _footer(kind: str) -> str:
    info = KINDS[kind]
    return render_to_string(
        "accounts/email/notification_footer.txt",
        {"info": info, "url": notifications_url()},
    )


def notification_send(
    *, user, kind: str, to: str, subject, body: str, link: str = "", language=None
):
    """Send a notification as `user` chose: queue it, hold it for the digest, or drop it.

    Returns the outbox row, or None when nothing was queued now. `user` is the person the
    address belongs to (None for a guest); call inside the transaction of the change.
    """
    delivery = notification_delivery(user, kind)
    if delivery == Delivery.OFF:
        return None
    if user is None:
        return mail_queue(to=to, subject=subject, body=body, language=language)
    with translation.override(language) if language else nullcontext():
        if delivery == Delivery.DAILY:
            NotificationDigestItem.objects.create(
                user=user, kind=kind, subject=header_safe(subject)[:255], link=link[:500]
            )
            return None
        body = f"{body.rstrip()}\n{_footer(kind)}"
    return mail_queue(to=to, subject=subject, body=body, language=language)


def _digest_users(*, after: int, size: int) -> list[User]:
    pending = NotificationDigestItem.objects.filter(user_id__gt=after).order_by("user_id")
    ids = list(pending.values_list("user_id", flat=True).distinct()[:size])
    return list(User.objects.filter(pk__in=ids).order_by("pk").only("pk", "email", "language"))


def _digest_mail(user: User, items: list[NotificationDigestItem]) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        body = render_to_string(
            "accounts/email/notification_digest.txt",
            {"items": items, "url": notifications_url()},
        )
        subject = DIGEST_SUBJECT % {"n": len(items)}
        mail_queue(to=user.email, subject=subject, body=body, language=user.language)


def notification_digest_send(*, now=None) -> int:
    """E-mail every person their held notifications in one digest; return digests sent.

    Users are taken in batches by id; each batch's mails are queued and its items deleted
    in one transaction, so a run that stops half-way is carried on by the next without
    sending anyone a digest twice. Items held while it runs wait for the next day.
    """
    now = now or timezone.now()
    sent, after = 0, 0
    while users := _digest_users(after=after, size=DIGEST_BATCH):
        with transaction.atomic():
            held = NotificationDigestItem.objects.select_for_update().filter(
                user__in=users, created_at__lte=now
            )
            by_user: dict[int, list] = {}
            for item in held.order_by("user_id", "created_at", "pk"):
                by_user.setdefault(item.user_id, []).append(item)
            for user in users:
                if by_user.get(user.pk):
                    _digest_mail(user, by_user[user.pk])
                    sent += 1
            NotificationDigestItem.objects.filter(
                pk__in=[item.pk for items in by_user.values() for item in items]
            ).delete()
        after = users[-1].pk
    return sent
