"""Subject filters: how a source finds the rows of a batch of subjects (privacy.registry).

Each returns one `Q`, or a list of alternatives that `Source` selects one by one, each
through its own index (see `privacy.registry.Source.rows`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from privacy.registry import Subjects


def by_user(field_name: str = "user") -> Callable[[Subjects], Q]:
    """Return a subject filter matching rows whose `field_name` points at one of the users."""

    def subject_filter(subjects: Subjects) -> Q:
        if not subjects.user_ids:
            return Q(pk__in=[])
        return Q(**{f"{field_name}__in_batch": subjects.user_ids})

    return subject_filter


def by_user_or_email(user_field: str, email_field: str) -> Callable[[Subjects], list[Q]]:
    """Return a filter matching rows of the users, or rows left by guests under the e-mails.

    E-mails are compared exactly with the lower-cased values the services store, so the
    match uses the column's index; the two conditions are alternatives (see Source.rows).
    """

    def subject_filter(subjects: Subjects) -> list[Q]:
        alternatives = []
        if subjects.user_ids:
            alternatives.append(Q(**{f"{user_field}__in_batch": subjects.user_ids}))
        if subjects.emails:
            alternatives.append(Q(**{f"{email_field}__in_batch": subjects.emails}))
        return alternatives or [Q(pk__in=[])]

    return subject_filter


def via(
    relation: str, model: type[models.Model], subject_filter: Callable[[Subjects], Q | list[Q]]
) -> Callable[[Subjects], list[Q]]:
    """Return a filter matching rows whose `relation` points at the subjects' `model` rows.

    The related rows are looked up first (by `subject_filter`, each alternative through its
    own index) and matched by id. Joining them instead, PostgreSQL would hash a batch's
    thousands of related rows and read the whole table against them, every batch: a cost
    that grows with the table, not with the batch.

    The ids are looked up once per batch and kept with it, for every source and the check
    after erasure: that check then looks at the rows the subjects had, even where erasing
    has since cut the link (an anonymised order no longer carries the guest's e-mail).
    """

    def subject_filter_via(subjects: Subjects) -> list[Q]:
        key = (model, subject_filter)
        if key not in subjects.related:
            rows = model._default_manager
            subjects.related[key] = frozenset(
                pk
                for condition in _alternatives(subject_filter(subjects))
                for pk in rows.filter(condition).values_list("pk", flat=True)
            )
        ids = subjects.related[key]
        return [Q(**{f"{relation}__in_batch": ids})] if ids else []

    return subject_filter_via


def _alternatives(condition: Q | list[Q]) -> list[Q]:
    if isinstance(condition, Q):
        return [condition]
    return condition or [Q(pk__in=[])]  # no alternative: matches nothing, runs no query
