"""The `in_batch` lookup: a batch of subjects sent to PostgreSQL as one array parameter.

Imported (and so registered) by `privacy.registry`.
"""

import functools

from django.db import models
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


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


class _BatchLookup(In):
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
class InBatch(_BatchLookup):
    """`field__in_batch=values`: IN on most databases, `= ANY(array)` on PostgreSQL."""


@models.ForeignObject.register_lookup
class RelatedInBatch(_BatchLookup, RelatedIn):
    """`in_batch` across a foreign key (`user__in_batch=ids`)."""
