"""The retention sweep: erase the data of people inactive for PRIVACY_RETENTION_YEARS.

A person's last interaction is, for a user, `last_interaction_at` (moved by every request,
login, order and message); for a guest, the newest row of theirs in any source that
declares `guest_activity` (orders, messages, support and data requests). Everyone whose
last interaction is older than the cutoff is erased by the erasure engine, batch by batch.

Memory does not grow with the number of subjects: users are walked by primary key and
guests through a temporary table of candidates, a batch at a time. Each batch is its own
transaction (see privacy.erasure), so a run that fails part-way leaves every subject either
fully erased or untouched, and the next run finishes the work. Erased users drop out of
the selection because erasure clears their `last_interaction_at`.

Two kinds of people are not simply erased. An active staff account is never erased
silently: the sweep leaves it and lists it in its run (`staff_left`) for the privacy
officer. A person with orders still open keeps those orders' contact data until they
close (privacy.erasure): the sweep opens a waiting erasure request for them, and each run
first finishes the waiting requests whose orders have closed since
(privacy.services.waiting).

Batches are erased by PRIVACY_SWEEP_WORKERS threads, each with its own database connection,
so that the database works on several batches at once (most of a batch's time is spent in
PostgreSQL, which releases the GIL). The batches are disjoint, but two of them can reach the
same row (a message between a buyer in one batch and a seller in another); PostgreSQL then
may abort one transaction as a deadlock, and that batch is simply erased again.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection, models
from django.utils import timezone

from outbox.erased import ERASED_SUFFIX
from privacy.erasure import holds_split, subjects_count, subjects_erase, subjects_of_users
from privacy.models import SweepRun
from privacy.registry import Subjects, registry
from privacy.services.waiting import waiting_requests_finish, waiting_requests_open

BATCH_SIZE = 5000


def retention_cutoff(as_of: dt.date) -> dt.datetime:
    """Return the start of the day PRIVACY_RETENTION_YEARS before `as_of` (local time)."""
    years = settings.PRIVACY_RETENTION_YEARS
    try:
        day = as_of.replace(year=as_of.year - years)
    except ValueError:  # 29 February in a year that has none
        day = as_of.replace(year=as_of.year - years, day=28)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _inactive_users(cutoff: dt.datetime):
    return get_user_model().objects.filter(last_interaction_at__lt=cutoff)


def staff_past_retention(cutoff: dt.datetime) -> list[int]:
    """Return the ids of active staff accounts inactive since before `cutoff`.

    They are never erased by the sweep: erasing an account that runs the portal is the
    privacy officer's decision (they may still need it, or hand its work over first).
    """
    staff = _inactive_users(cutoff).filter(is_staff=True, is_active=True)
    return list(staff.order_by("pk").values_list("pk", flat=True))


def inactive_user_batches(cutoff: dt.datetime, batch_size: int) -> Iterator[list[int]]:
    """Yield ids of users inactive since before `cutoff`, `batch_size` at a time, by pk.

    Walking by primary key, no user is yielded twice, whether or not the batches before
    are erased yet.
    """
    users = _inactive_users(cutoff).exclude(is_staff=True, is_active=True)
    last = 0
    while True:
        ids = list(
            users.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), name  # a column, not the far side of a relation
    return field.column


def _guest_activity_sql() -> str:
    parts = []
    for source in registry.sources():
        if source.guest_activity is None:
            continue
        email_field, time_field = source.guest_activity
        opts = source.model._meta
        email, time = (_column(source.model, name) for name in (email_field, time_field))
        parts.append(
            f'SELECT "{email}" AS email, "{time}" AS at FROM "{opts.db_table}" '
            f"WHERE \"{email}\" <> '' AND \"{email}\" NOT LIKE '%%{ERASED_SUFFIX}'"
        )
    return " UNION ALL ".join(parts)


def inactive_guest_batches(cutoff: dt.datetime, batch_size: int) -> Iterator[list[str]]:
    """Yield e-mails of guests whose newest activity anywhere is older than `cutoff`.

    An e-mail that belongs to a user is never a guest's: its rows go with that user, whose
    retention runs from their own last interaction. An inactive user's are erased with
    them (by user, see `subjects_of_users`), a held user's stay held with them, and an
    active user's are not due. Taking them here too would count such people twice, or
    erase a held user's guest orders through their e-mail.
    """
    activity = _guest_activity_sql()
    if not activity:
        return
    user_table = get_user_model()._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS privacy_sweep_guests")
        # The users' e-mails are excluded outside the grouping: inside HAVING, PostgreSQL
        # would read the whole user table once per e-mail instead of once.
        cursor.execute(
            "CREATE TEMPORARY TABLE privacy_sweep_guests AS SELECT lapsed.email FROM "
            f"(SELECT email FROM ({activity}) AS activity GROUP BY email HAVING MAX(at) < %s) "
            "AS lapsed WHERE NOT EXISTS "
            f'(SELECT 1 FROM "{user_table}" AS u WHERE LOWER(u.email) = lapsed.email)',
            [cutoff],
        )
    try:
        last = ""
        while True:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT email FROM privacy_sweep_guests WHERE email > %s "
                    "ORDER BY email LIMIT %s",
                    [last, batch_size],
                )
                emails = [row[0] for row in cursor.fetchall()]
            if not emails:
                return
            yield emails
            last = emails[-1]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS privacy_sweep_guests")


def _batches(cutoff, batch_size) -> Iterator[Subjects]:
    for user_ids in inactive_user_batches(cutoff, batch_size):
        yield subjects_of_users(user_ids)
    for emails in inactive_guest_batches(cutoff, batch_size):
        yield Subjects.of(emails=emails)


BATCHES_PER_WORKER = 2  # batches read ahead per worker: enough to keep each one busy
DEADLOCK_RETRIES = 3


@dataclass
class BatchOutcome:
    erased: int
    held: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    waiting: int = 0


def _erase_batch(batch: Subjects) -> BatchOutcome:
    retries = DEADLOCK_RETRIES
    waiting: list[int] = []

    def wait(people: Subjects) -> None:
        waiting.append(waiting_requests_open(subjects=batch, waiting=people))

    while True:
        waiting.clear()  # a batch rolled back by a deadlock opened no request
        try:
            result = subjects_erase(subjects=batch, on_waiting=wait)
        except OperationalError as error:
            deadlock = getattr(error.__cause__, "sqlstate", None) == "40P01"
            if not deadlock or not retries:
                raise
            retries -= 1  # the transaction rolled back whole: erase the batch again
        else:
            return BatchOutcome(result.erased.people, result.held, result.counts, sum(waiting))


def _count_batch(batch: Subjects) -> BatchOutcome:
    free, held = holds_split(batch)
    return BatchOutcome(free.people, held, subjects_count(subjects=free))


def _close_connections(pool: ThreadPoolExecutor, workers: int) -> None:
    """Close the database connection of each of the pool's threads, in that thread.

    Each thread keeps its connection from batch to batch (a new one per batch cost a
    tenth of the sweep's time). One closing task per thread: the barrier holds every
    thread that took one until all `workers` have, so no thread takes two.
    """
    barrier = threading.Barrier(workers)

    def close() -> None:
        try:
            barrier.wait(timeout=60)
        finally:
            connection.close()

    wait([pool.submit(close) for _ in range(workers)])


def _outcomes(
    batches: Iterable[Subjects], handle: Callable[[Subjects], BatchOutcome], workers: int
) -> Iterator[BatchOutcome]:
    """Yield the outcome of each batch, handled by `workers` threads (in this one if 1).

    At most BATCHES_PER_WORKER batches per worker are read ahead, so memory stays flat.
    On a failure no new batch starts; the ones under way finish (each commits or rolls
    back whole) before the error is raised.
    """
    if workers <= 1:
        yield from map(handle, batches)
        return
    pending: set[Future] = set()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sweep") as pool:
        try:
            for batch in batches:
                pending.add(pool.submit(handle, batch))
                if len(pending) >= workers * BATCHES_PER_WORKER:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (future.result() for future in done)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        finally:
            wait(pending)
            _close_connections(pool, workers)


def retention_sweep(
    *,
    as_of: dt.date | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> SweepRun:
    """Erase (or, in a dry run, count) everyone inactive for the retention period.

    The run is stored with its counts per source; a failure marks it failed and re-raises,
    after every batch that had started has committed or rolled back.
    """
    as_of = as_of or timezone.localdate()
    cutoff = retention_cutoff(as_of)
    workers = workers or settings.PRIVACY_SWEEP_WORKERS
    run = SweepRun.objects.create(
        as_of=as_of, cutoff=cutoff, dry_run=dry_run, staff_left=staff_past_retention(cutoff)
    )
    counts: Counter[str] = Counter()
    handle = _count_batch if dry_run else _erase_batch
    try:
        if not dry_run:
            finished, finished_counts = waiting_requests_finish()
            counts.update(finished_counts)
            run.subjects += finished
        for outcome in _outcomes(_batches(cutoff, batch_size), handle, workers):
            counts.update(outcome.counts)
            run.subjects += outcome.erased
            run.held += len(outcome.held)
            run.waiting += outcome.waiting
            if progress:
                progress(outcome.erased + len(outcome.held))
    except Exception as error:
        run.status = SweepRun.Status.FAILED
        run.error = f"{type(error).__name__}: {error}"
        raise
    else:
        run.status = SweepRun.Status.DONE
    finally:
        run.counts = dict(counts)
        run.finished_at = timezone.now()
        run.save()
    return run


def retention_sweep_estimate(*, as_of: dt.date) -> int:
    """Return how many users are due (a cheap count for a progress bar's total)."""
    return _inactive_users(retention_cutoff(as_of)).count()
