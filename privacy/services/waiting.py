"""Erasures that wait for open orders: opened by the sweep, finished by the next runs.

When a person is erased (at their request or by the retention sweep) while orders of
theirs are still open, the contract needs those orders' contact data until they close
(privacy.erasure, `kept_while`). The person's erasure request then waits, keeping the
address it needs to find those rows; the daily retention sweep runs every waiting
request again, a batch at a time, and finishes those whose orders have closed: their
rows are erased, the request is done, and the person is told.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from privacy.erasure import USERS_BY_EMAIL, subjects_erase, subjects_of_users, waiting_people
from privacy.models import DataRequest
from privacy.registry import Subjects, normalise_email
from privacy.services.outcomes import outcome_mail, outcome_recipient

SWEEP_DETAILS = "Retention period ended: erased by the retention sweep."
BATCH_SIZE = 1000


def waiting_requests_open(*, subjects: Subjects, waiting: Subjects) -> int:
    """Open a waiting erasure request for each swept person who has open orders.

    Called by the sweep inside a batch's transaction, before the batch is erased, so the
    requests (kept while they wait) hold the addresses the later runs need.
    """
    user_ids, guests = waiting_people(subjects, waiting)
    emails_of = {pk: email for email, pk in subjects.related.get(USERS_BY_EMAIL, {}).items()}
    now = timezone.now()
    people: list[tuple[int | None, str]] = [(pk, emails_of.get(pk, "")) for pk in sorted(user_ids)]
    people += [(None, email) for email in sorted(guests)]
    DataRequest.objects.bulk_create(
        DataRequest(
            kind=DataRequest.Kind.ERASURE,
            user_id=pk,
            email=email,
            details=SWEEP_DETAILS,
            status=DataRequest.Status.WAITING,
            opened_by_sweep=True,
            received_at=now,
            verified_at=now,
            due_at=now,
        )  # fmt: skip
        for pk, email in people
        if pk or email
    )
    return len(people)


def _subjects_of_requests(requests: list[DataRequest]) -> Subjects:
    users = subjects_of_users([r.user_id for r in requests if r.user_id])
    users_by_email = dict(users.related.get(USERS_BY_EMAIL, {}))
    users_by_email.update({r.email: r.user_id for r in requests if r.user_id and r.email})
    subjects = Subjects.of(user_ids=users.user_ids, emails=[*users.emails, *users_by_email])
    guests = Subjects.of(emails=[r.email for r in requests if not r.user_id])
    subjects = Subjects(user_ids=subjects.user_ids, emails=subjects.emails | guests.emails)
    subjects.related[USERS_BY_EMAIL] = users_by_email
    return subjects


def _is_among(data_request: DataRequest, subjects: Subjects) -> bool:
    if data_request.user_id:
        return data_request.user_id in subjects.user_ids
    return normalise_email(data_request.email) in subjects.emails


def _still_waiting(requests, subjects: Subjects, waiting: Subjects) -> set[int]:
    user_ids, guests = waiting_people(subjects, waiting)
    return {r.pk for r in requests if _is_among(r, Subjects.of(user_ids=user_ids, emails=guests))}


def _finished_report(report: dict) -> dict:
    """The first run's report, with the rows erased now and nothing kept any more."""
    rows = dict(report.get("rows_per_source", {}))
    for kept in report.get("kept", []):
        rows[kept["source"]] = rows.get(kept["source"], 0) + kept["rows"]
    return {**report, "rows_per_source": rows, "kept": [], "finished_by_sweep": True}


def _requests_finish(requests: list[DataRequest]) -> tuple[int, dict]:
    """Run a batch of waiting requests again; return how many finished, and the counts."""
    subjects = _subjects_of_requests(requests)
    recipients = {r.pk: outcome_recipient(r) for r in requests}
    ids = [r.pk for r in requests]
    still: set[int] = set()

    def wait(waiting: Subjects) -> None:
        still.update(_still_waiting(requests, subjects, waiting))
        DataRequest.objects.filter(pk__in=still).update(status=DataRequest.Status.WAITING)

    with transaction.atomic():
        DataRequest.objects.filter(pk__in=ids).update(status=DataRequest.Status.IN_PROGRESS)
        result = subjects_erase(subjects=subjects, on_waiting=wait)
        held = {r.pk for r in requests if not _is_among(r, result.erased)}
        # A person a court ordered kept since waits on: the hold is lifted some day.
        DataRequest.objects.filter(pk__in=held).update(status=DataRequest.Status.WAITING)
        done = [r for r in requests if r.pk not in still | held]
        now = timezone.now()
        for data_request in done:
            data_request.status = DataRequest.Status.DONE
            data_request.completed_at = now
            data_request.report = _finished_report(data_request.report)
            outcome_mail(data_request=data_request, recipient=recipients[data_request.pk])
        DataRequest.objects.bulk_update(done, ["status", "completed_at", "report"])
    return len(done), result.counts


def waiting_requests_finish(*, batch_size: int = BATCH_SIZE) -> tuple[int, dict]:
    """Finish every waiting erasure whose open orders have closed, batch by batch.

    Return how many requests finished, and the rows erased per source.
    """
    finished, last = 0, 0
    counts: dict[str, int] = {}
    while True:
        batch = list(_waiting_batch(after=last, size=batch_size))
        if not batch:
            return finished, counts
        done, batch_counts = _requests_finish(batch)
        finished += done
        for key, rows in batch_counts.items():
            counts[key] = counts.get(key, 0) + rows
        last = batch[-1].pk


def _waiting_batch(*, after: int, size: int) -> Iterable[DataRequest]:
    return (
        DataRequest.objects.waiting()
        .filter(pk__gt=after)
        .select_related("user")
        .order_by("pk")[:size]
    )
