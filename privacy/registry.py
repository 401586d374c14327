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

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

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


@functools.lru_cache(maxsize=16)
def _array_literal(values: frozenset) -> str:
    """Return a batch as one PostgreSQL array literal, built once per batch.

    A batch's frozenset is hashed once and compared by identity, so every query of the
    batch after the first finds its literal here.
    """

    def element(value) -> str:
        if isinstance(value, int):
            return str(value)
        return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'

    return "{" + ",".join(map(element, values)) + "}"


class _BatchLookup:
    """`= ANY(array)` on PostgreSQL, with a batch sent as one parameter.

    Erasure filters thousands of ids or e-mails at a time, with some forty queries per
    batch. As a list, each query would convert and quote every value again in Python (most
    of a batch's time, and under the GIL); a `Subjects` batch is a frozenset of values of
    the column's type already (ids, normalised e-mails), so it is turned into one array
    literal once and each query binds that string.
    """

    lookup_name = "in_batch"

    def get_prep_lookup(self):
        if isinstance(self.rhs, frozenset):
            return self.rhs
        return super().get_prep_lookup()

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if isinstance(self.rhs, frozenset):
            array_type = self.lhs.output_field.db_type(connection)
            return f"{lhs} = ANY(%s::{array_type}[])", (*lhs_params, _array_literal(self.rhs))
        return f"{lhs} = ANY(%s)", (*lhs_params, list(self.rhs))


@models.Field.register_lookup
class InBatch(_BatchLookup, In):
    """`field__in_batch=values`: IN on most databases, `= ANY(array)` on PostgreSQL."""


@models.ForeignObject.register_lookup
class RelatedInBatch(_BatchLookup, RelatedIn):
    """`in_batch` across a foreign key (`user__in_batch=ids`)."""


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
        manager = self.model._default_manager
        if self.erasure == Erasure.DELETE:
            return sum(manager.filter(alt).delete()[0] for alt in self.conditions(subjects))
        if self.erasure == Erasure.ANONYMISE:
            unerased = manager.exclude(self._already_anonymised())
            return sum(
                unerased.filter(alt).update(**self.anonymised) for alt in self.conditions(subjects)
            )
        return 0

    def remaining(self, subjects: Subjects) -> int:
        """Count the rows that still hold the subjects' personal data (0 after erasure)."""
        if self.erasure == Erasure.KEEP:
            return 0
        rows = self.model._default_manager.all()
        if self.erasure == Erasure.ANONYMISE:
            rows = rows.exclude(self._already_anonymised())
        selects = [rows.filter(alt).order_by().values("pk") for alt in self.conditions(subjects)]
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
    if model_field.is_relation:
        related = model_field.related_model
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
            for f in model._meta.get_fields()
            if looks_personal(f) and (model._meta.label_lower, f.name) not in covered
        ]


registry = Registry()
