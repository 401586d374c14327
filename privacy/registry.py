"""The personal-data registry: every app's declaration of the personal data it holds.

Each app declares, in its `personal_data.py`, one `Source` per model that holds personal
data: which fields, for which purpose, on which legal basis, who receives them, how to
find the rows that belong to a batch of subjects, and how to erase them. Export (access
and portability), erasure, the retention sweep, the post-erasure check and the records of
processing in admin all read this one registry, so a field declared here is handled
everywhere, and a field not declared here fails the registry test.

Subjects come in batches (`Subjects`): registered users by id and guests by e-mail.
Every operation on a source is set-based: one query to export, one UPDATE or DELETE to
erase, whatever the size of the batch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from privacy import lookups  # noqa: F401 - registers the `in_batch` lookup
from privacy.subject_filters import _alternatives, by_user, by_user_or_email, via

__all__ = ["by_user", "by_user_or_email", "via"]  # re-exported for the apps' declarations

StrOrPromise = str | Promise


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent")
    CONTRACT = "contract", _("Performance of a contract")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")


class Erasure(models.TextChoices):
    DELETE = "delete", _("Deleted")
    ANONYMISE = "anonymise", _("Anonymised (the record is kept by law)")
    KEEP = "keep", _("Kept (required by law)")


@dataclass(frozen=True)
class Subjects:
    """A batch of data subjects: users by id, guests by e-mail (normalised)."""

    user_ids: frozenset[int] = frozenset()
    emails: frozenset[str] = frozenset()
    # Ids of related rows, looked up once per batch by `via` filters (not part of the value).
    related: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, *, user_ids: Iterable[int] = (), emails: Iterable[str] = ()) -> Subjects:
        return cls(
            user_ids=frozenset(int(i) for i in user_ids),
            emails=frozenset(normalise_email(e) for e in emails if e),
        )

    def __bool__(self) -> bool:
        return bool(self.user_ids or self.emails)

    @property
    def people(self) -> int:
        """Count the people: users (whose own e-mails come along) or else guests."""
        return len(self.user_ids) or len(self.emails)


def normalise_email(email: str) -> str:
    return email.strip().lower()


@dataclass(frozen=True)
class Source:
    """One model's personal data, as the privacy engine needs to know it.

    `erasure` says what erasing does: DELETE removes the rows; ANONYMISE overwrites the
    personal fields with the values of `anonymised` (for records that the law makes us keep,
    such as orders for accounting); KEEP leaves them, with `kept_because` saying which law
    requires it. `erase`/`export` may be replaced by callables for the few sources that need
    more than one statement (a user's media files, say); they still take a whole batch.
    `guest_activity` names the (e-mail field, time field) through which the retention sweep
    finds guests' last interaction in this source. Texts people read stay lazy translations;
    `privacy.labels` names columns and values (`labels`, `gettext_values`: see there).

    `kept_while` marks rows that a contract still needs (an open order's contact data):
    erasure leaves them, reports them as kept (`kept_why`, `kept_until`) and the next run
    erases them once they no longer match. It is a Q, or a callable that returns one for a
    batch (or None when nothing of the batch is kept), for conditions cheaper to state
    with ids looked up once per batch than through a join. `people` names the (user field,
    e-mail field) of a row's person: it tells a batch which of its subjects wait for such
    rows, and with `time_field` it counts the people whose rows were written in a time
    window (a breach).
    """

    model: type[models.Model]
    fields: tuple[str, ...]
    purpose: str
    legal_basis: str
    recipients: StrOrPromise
    description: StrOrPromise
    subject_filter: Callable[[Subjects], Q | list[Q]]
    erasure: str = Erasure.DELETE
    anonymised: Mapping[str, object] = field(default_factory=dict)
    kept_because: StrOrPromise = ""
    export_fields: tuple[str, ...] = ()
    labels: Mapping[str, StrOrPromise] = field(default_factory=dict)
    gettext_values: tuple[str, ...] = ()
    custom_export: Callable[[Subjects], list[dict]] | None = None
    custom_erase: Callable[[Subjects], int] | None = None
    guest_activity: tuple[str, str] | None = None
    # Extra condition an erased row meets, for rows whose anonymised values are expressions
    # (an e-mail like erased-<pk>@invalid) that the plain values alone cannot recognise.
    anonymised_marker: Q | None = None
    kept_while: Q | Callable[[Subjects], Q | None] | None = None
    kept_why: StrOrPromise = ""
    kept_until: StrOrPromise = ""
    people: tuple[str, str] = ("", "")
    time_field: str = ""

    def __post_init__(self):
        if self.erasure == Erasure.ANONYMISE and not (self.anonymised or self.custom_erase):
            raise ValueError(f"{self.key}: anonymising needs the `anonymised` values.")
        if self.erasure == Erasure.KEEP and not self.kept_because:
            raise ValueError(f"{self.key}: say which obligation keeps the data (`kept_because`).")

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    def conditions(self, subjects: Subjects) -> list[Q]:
        """Return the filter's alternatives (one, or several that may overlap)."""
        return _alternatives(self.subject_filter(subjects))

    def rows(self, subjects: Subjects) -> QuerySet:
        """Return the rows that belong to these subjects.

        A filter may return several alternatives (a list of Q) instead of one Q: each is
        then selected on its own and the results united, so that each can use its own
        index. OR-ing conditions that reach through a join (the buyer of a message's order,
        or the message's author) would make PostgreSQL scan the whole table every batch.
        """
        manager = self.model._default_manager
        conditions = self.conditions(subjects)
        if len(conditions) == 1:
            return manager.filter(conditions[0])
        selects = [manager.filter(alt).order_by().values("pk") for alt in conditions]
        return manager.filter(pk__in=selects[0].union(*selects[1:]))

    def export(self, subjects: Subjects) -> list[dict]:
        """Return the subjects' rows as plain dictionaries (one query)."""
        if self.custom_export is not None:
            return self.custom_export(subjects)
        names = self.export_fields or ("pk", *self.fields)
        return list(self.rows(subjects).order_by("pk").values(*names))

    # Erasure and its check take the alternatives one by one rather than through `rows`:
    # for a batch of thousands, `pk IN (union)` makes PostgreSQL hash the union and scan
    # the whole table against it, every batch. Erasing is idempotent (deleted rows are
    # gone, anonymised ones excluded), so a row that two alternatives match is counted once.

    def erase(self, subjects: Subjects) -> int:
        """Erase the subjects' rows, one statement per alternative; return rows changed."""
        if self.custom_erase is not None:
            return self.custom_erase(subjects)
        if self.erasure == Erasure.KEEP:
            return 0
        manager = self.model._default_manager
        conditions = self.erasable_conditions(subjects)
        if self.erasure == Erasure.DELETE:
            return sum(manager.filter(alt).delete()[0] for alt in conditions)
        unerased = manager.exclude(self._already_anonymised())
        return sum(unerased.filter(alt).update(**self.anonymised) for alt in conditions)

    def _kept_condition(self, subjects: Subjects) -> Q | None:
        if callable(self.kept_while):
            return self.kept_while(subjects)
        return self.kept_while

    def erasable_conditions(self, subjects: Subjects) -> list[Q]:
        """Return the alternatives without the rows kept for now (`kept_while`)."""
        conditions = self.conditions(subjects)
        kept = self._kept_condition(subjects)
        return conditions if kept is None else [alt & ~kept for alt in conditions]

    def kept(self, subjects: Subjects) -> tuple[int, Subjects]:
        """Return how many of the subjects' rows are kept for now, and whose they are.

        The people are read from `people`: users among the subjects by id, and e-mails
        among the subjects' e-mails (a guest's, or a user's own guest orders).
        """
        kept = self._kept_condition(subjects)
        if kept is None:
            return 0, Subjects()
        user_field, email_field = self.people
        names = [name for name in (user_field, email_field) if name]
        manager = self.model._default_manager
        found = [
            row
            for alt in self.conditions(subjects)
            for row in manager.filter(alt & kept).values_list("pk", *names)
        ]
        rows = {row[0]: row[1:] for row in found}
        user_ids = {values[0] for values in rows.values() if user_field and values[0]}
        emails = {normalise_email(values[-1] or "") for values in rows.values() if email_field}
        owners = Subjects(
            user_ids=frozenset(user_ids) & subjects.user_ids,
            emails=frozenset(emails) & subjects.emails,
        )
        return len(rows), owners

    def people_between(self, start, end) -> int | None:
        """Count the people whose rows were written between `start` and `end` (None: unknown)."""
        if not self.time_field or not any(self.people):
            return None
        user_field, email_field = self.people
        rows = self.model._default_manager.filter(**{f"{self.time_field}__range": (start, end)})
        count = 0
        if user_field:  # users counted by account, the rest (guests) by e-mail
            users = rows.exclude(**{f"{user_field}__isnull": True})
            count += users.aggregate(n=Count(user_field, distinct=True))["n"]
            rows = rows.filter(**{f"{user_field}__isnull": True})
        if email_field:
            count += rows.aggregate(n=Count(email_field, distinct=True))["n"]
        return count

    def remaining(self, subjects: Subjects) -> int:
        """Count the rows that still hold the subjects' personal data (0 after erasure)."""
        if self.erasure == Erasure.KEEP:
            return 0
        rows = self.model._default_manager.all()
        if self.erasure == Erasure.ANONYMISE:
            rows = rows.exclude(self._already_anonymised())
        conditions = self.erasable_conditions(subjects)
        selects = [rows.filter(alt).order_by().values("pk") for alt in conditions]
        return selects[0].union(*selects[1:]).count() if len(selects) > 1 else selects[0].count()

    def _already_anonymised(self) -> Q:
        # `__isnull` rather than `= None`, which on a JSONField would mean JSON null.
        plain = Q(
            **{
                (f"{name}__isnull" if value is None else name): (True if value is None else value)
                for name, value in self.anonymised.items()
                if _is_plain(value)
            }
        )
        return plain & self.anonymised_marker if self.anonymised_marker else plain


def _is_plain(value) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


class ExportEncoder(DjangoJSONEncoder):
    """Encode export rows: dates and lazy strings as Django does, anything else as text.

    Exports hold whatever the sources' fields hold (phone numbers, say); as text every
    value stays readable to the person and storable in a JSONField.
    """

    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


@dataclass(frozen=True)
class Exemption:
    model: type[models.Model]
    fields: tuple[str, ...]
    reason: StrOrPromise

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


# Field names and types that hold personal data. A field that matches must be declared
# in a Source or exempted with a reason: the registry test walks every model.
PERSONAL_NAME = re.compile(
    r"(^|_)(name|names|patronymic|surname|email|phone|address|ip|ip_address|user_agent|"
    r"comment|message|text|body|note|notes|iin|passport|birth|author|buyer|person|"
    r"reporter|contact)(_|$)"
)
PERSONAL_TYPES = (models.EmailField, models.GenericIPAddressField, models.TextField)


def looks_personal(model_field: models.Field) -> bool:
    """Return whether a model field probably holds personal data."""
    if model_field.auto_created or not model_field.concrete:
        return False
    related = model_field.related_model
    if model_field.is_relation and related is not None:
        label = related if isinstance(related, str) else related._meta.label
        return label.lower() == settings.AUTH_USER_MODEL.lower()
    type_name = type(model_field).__name__
    return (
        isinstance(model_field, PERSONAL_TYPES)
        or type_name == "PhoneNumberField"
        or bool(PERSONAL_NAME.search(model_field.name))
    )


class Registry:
    def __init__(self):
        self._sources: dict[str, Source] = {}
        self._exemptions: list[Exemption] = []

    def register(self, source: Source) -> Source:
        if source.key in self._sources:
            raise ValueError(f"{source.key} is declared twice.")
        self._sources[source.key] = source
        return source

    def exempt(self, model: type[models.Model], fields: Iterable[str], *, reason) -> None:
        """Record that these fields look personal but are not (or are covered elsewhere)."""
        self._exemptions.append(Exemption(model, tuple(fields), reason))

    def sources(self) -> list[Source]:
        return list(self._sources.values())

    def get(self, key: str) -> Source:
        return self._sources[key]

    def exemptions(self) -> list[Exemption]:
        return list(self._exemptions)

    def declared(self) -> set[tuple[str, str]]:
        """Return every (model label, field name) that a source or an exemption covers."""
        covered = {(s.key, name) for s in self._sources.values() for name in s.fields}
        covered |= {(e.key, n) for e in self._exemptions for n in e.fields}
        return covered

    def undeclared_personal_fields(self, model_classes: Iterable[type[models.Model]]) -> list[str]:
        """Return "app.model.field" for each personal-looking field no declaration covers."""
        covered = self.declared()
        return [
            f"{model._meta.label_lower}.{f.name}"
            for model in model_classes
            for f in model._meta.concrete_fields
            if looks_personal(f) and (model._meta.label_lower, f.name) not in covered
        ]


registry = Registry()
