"""The erasure engine: erase a batch of data subjects from every declared source.

Why it is shaped like this:
- It knows no app. Every source of personal data is declared to `privacy.registry` by
  the app that owns it, with its own set-based `erase`; the engine only walks the sources.
- Set-based, one transaction per batch. A batch of subjects is erased with one or a few
  UPDATE/DELETE statements per source, all inside one transaction, so a failure anywhere
  rolls the whole batch back: no subject is ever left half-erased, and the next run (of a
  request, or of the retention sweep) simply erases the batch again.
- Idempotent. Sources skip rows already deleted or anonymised, so erasing a subject twice
  changes nothing the second time.
- Legal holds win. Held subjects are taken out of the batch before anything is touched,
  and reported with the hold's reason.
- Open deals wait. Rows a contract still needs (the contact data of an order that is not
  completed or cancelled, declared with `kept_while`) are left and reported as kept, with
  why and until when. The caller learns which subjects wait for such rows (`waiting`)
  before anything is erased, inside the batch's transaction, so that it can record them
  (a request that waits, see privacy.services.erasure) atomically with the erasure; the
  retention sweep runs the waiting requests again and erases those rows once the deals
  close.
- Checked. After the transaction every source is asked again how many rows still hold the
  subjects' data (rows kept for an open deal aside); anything but zero is reported as a
  failed check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from privacy.models import LegalHold
from privacy.registry import Subjects, normalise_email, registry
from privacy.texts import stored_text

USERS_BY_EMAIL = "users_by_email"


@dataclass
class ErasureResult:
    erased: Subjects
    held: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    remaining: dict[str, int] = field(default_factory=dict)
    kept: list[dict] = field(default_factory=list)
    waiting: Subjects = field(default_factory=Subjects)

    @property
    def check_passed(self) -> bool:
        return not self.remaining

    def as_report(self) -> dict:
        return {
            "subjects": self.erased.people,
            "held": self.held,
            "rows_per_source": self.counts,
            "kept": self.kept,
            "remaining_after_check": self.remaining,
            "check_passed": self.check_passed,
        }


def subjects_of_users(user_ids) -> Subjects:
    """Return the users as subjects, with their e-mails (their guest orders are theirs too)."""
    users = get_user_model().objects.filter(pk__in_batch=list(user_ids))
    rows = list(users.values_list("pk", "email"))
    subjects = Subjects.of(user_ids=[pk for pk, _ in rows], emails=[email for _, email in rows])
    # Which user an e-mail belongs to: a user waits for their guest orders too (see
    # `waiting_people`), found by that e-mail.
    subjects.related[USERS_BY_EMAIL] = {normalise_email(email): pk for pk, email in rows}
    return subjects


def waiting_people(subjects: Subjects, waiting: Subjects) -> tuple[set[int], set[str]]:
    """Return the users (ids) and the guests (e-mails) of a batch that wait for kept rows."""
    users_by_email = subjects.related.get(USERS_BY_EMAIL, {})
    user_ids = set(waiting.user_ids)
    guests = set()
    for email in waiting.emails:
        if email in users_by_email:
            user_ids.add(users_by_email[email])
        else:
            guests.add(email)
    return user_ids, guests


def holds_split(subjects: Subjects) -> tuple[Subjects, list[dict]]:
    """Split a batch into the subjects free to erase and the held ones (with reasons)."""
    if not subjects:
        return subjects, []
    holds = LegalHold.objects.active().filter(
        Q(user_id__in_batch=subjects.user_ids) | Q(email__in_batch=subjects.emails)
    )
    held_users: set[int] = set()
    held_emails: set[str] = set()
    report = []
    for hold in holds:
        if hold.user_id:
            held_users.add(hold.user_id)
        if hold.email:
            held_emails.add(normalise_email(hold.email))
        report.append(
            {"user": hold.user_id, "hold": hold.pk, "authority": hold.authority,
             "reason": hold.reason, "until": hold.until.isoformat() if hold.until else None}
        )  # fmt: skip
    if held_users:
        # A held user's own e-mail is held with them.
        emails = get_user_model().objects.filter(pk__in=held_users).values_list("email", flat=True)
        held_emails |= {normalise_email(e) for e in emails}
    free = Subjects(
        user_ids=subjects.user_ids - held_users, emails=subjects.emails - frozenset(held_emails)
    )
    return free, report


def _kept(result: ErasureResult, subjects: Subjects) -> None:
    """Find the rows kept for open deals, for the report, and whose they are."""
    users: set[int] = set()
    emails: set[str] = set()
    for source in registry.sources():
        rows, owners = source.kept(subjects)
        if rows:
            result.kept.append(
                {"source": source.key, "description": stored_text(source.description),
                 "rows": rows, "why": stored_text(source.kept_why),
                 "until": stored_text(source.kept_until)}
            )  # fmt: skip
            users |= owners.user_ids
            emails |= owners.emails
    result.waiting = Subjects(user_ids=frozenset(users), emails=frozenset(emails))


def subjects_erase(
    *, subjects: Subjects, on_waiting: Callable[[Subjects], None] | None = None
) -> ErasureResult:
    """Erase the subjects from every declared source in one transaction, then check.

    `on_waiting(waiting)` is called inside that transaction, before anything is erased,
    with the subjects that still have rows kept for open deals (if any).
    """
    free, held = holds_split(subjects)
    result = ErasureResult(erased=free, held=held)
    if not free:
        return result
    # Every source finds its rows before any is erased: a filter that reaches a subject's
    # rows through another source's (an order's e-mail) must not miss them once erased.
    for source in registry.sources():
        source.conditions(free)
    with transaction.atomic():
        _kept(result, free)
        if result.waiting and on_waiting is not None:
            on_waiting(result.waiting)
        for source in registry.sources():
            result.counts[source.key] = source.erase(free)
    result.remaining = {
        source.key: count for source in registry.sources() if (count := source.remaining(free))
    }
    return result


def subjects_count(*, subjects: Subjects) -> dict[str, int]:
    """Return, per source, how many rows erasing these subjects would change (a dry run)."""
    return {source.key: source.remaining(subjects) for source in registry.sources()}
