"""The breach register: estimating who is affected, and telling them with an approved text."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.errors import ShownError
from privacy.models import Breach
from privacy.registry import normalise_email, registry
from privacy.services.common import enqueue_on_commit, mail, site_url
from privacy.texts import BREACH_NOTICE_SUBJECT


class BreachError(ShownError):
    """A breach step that cannot be taken; the message is safe to show."""


def breach_people_estimate(*, breach: Breach) -> int | None:
    """Return the number of people whose rows in the breach's source were written in its
    window (None when the source or the window is unknown, or the source cannot tell)."""
    if not (breach.source and breach.window_start and breach.window_end):
        return None
    try:
        source = registry.get(breach.source)
    except KeyError:
        return None
    return source.people_between(breach.window_start, breach.window_end)


def breach_save(*, breach: Breach, actor=None) -> Breach:
    """Save a breach, computing the number of people from the registry where it can."""
    with transaction.atomic():
        if breach.pk is None:
            breach.created_by = actor
        estimate = breach_people_estimate(breach=breach)
        if estimate is not None:
            breach.people_estimate = estimate
        breach.save()
    return breach


def breach_addresses(*, breach: Breach) -> list[str]:
    """Return the addresses of the people affected (users' accounts, guests' e-mails)."""
    source = registry.get(breach.source)
    user_field, email_field = source.people
    rows = source.model._default_manager.filter(
        **{f"{source.time_field}__range": (breach.window_start, breach.window_end)}
    )
    addresses = set()
    if user_field:
        addresses |= set(rows.values_list(f"{user_field}__email", flat=True))
        rows = rows.filter(**{f"{user_field}__isnull": True})
    if email_field:
        addresses |= set(rows.values_list(email_field, flat=True))
    return sorted({normalise_email(a) for a in addresses if a} - {""})


NOTICE_NEEDS_TEXT = _("Write the notice to the people first.")
NOTICE_NEEDS_PEOPLE = _("Give the source and the time window: the people are found from them.")
NOTICE_ALREADY_SENT = _("The people were already told.")


def breach_notice_approve(*, breach: Breach, actor) -> Breach:
    """Approve the breach's notice and queue it to every person affected (in a task)."""
    from privacy.tasks import breach_people_notify_task

    if not breach.notice_text.strip():
        raise BreachError(NOTICE_NEEDS_TEXT)
    if breach_people_estimate(breach=breach) is None:
        raise BreachError(NOTICE_NEEDS_PEOPLE)
    if breach.people_notified_at is not None:
        raise BreachError(NOTICE_ALREADY_SENT)
    with transaction.atomic():
        breach.notice_approved_by = actor
        # The text approved is the text sent: saved with its approval.
        breach.save(update_fields=["notice_text", "notice_approved_by"])
        enqueue_on_commit(breach_people_notify_task, breach.pk)
    return breach


def breach_people_notify(*, breach_id: int) -> int:
    """E-mail the approved notice to every person affected; return how many were told."""
    with transaction.atomic():
        breach = Breach.objects.select_for_update().get(pk=breach_id)
        if breach.people_notified_at is not None or breach.notice_approved_by_id is None:
            return 0  # told already (a redelivered task), or never approved
        addresses = breach_addresses(breach=breach)
        context = {"breach": breach, "operator": settings.OPERATOR_NAME,
                   "rights_url": site_url("privacy:rights")}  # fmt: skip
        for address in addresses:
            mail(to=address, subject=BREACH_NOTICE_SUBJECT,
                 template="privacy/email/breach_notice.txt", context=context)  # fmt: skip
        breach.people_notified_at = timezone.now()
        breach.people_notified = len(addresses)
        breach.save(update_fields=["people_notified_at", "people_notified"])
    return len(addresses)
