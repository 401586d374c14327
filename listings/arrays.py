"""Comparisons with the values of a subquery, written as PostgreSQL plans them best.

The visibility rule of listings (`ListingQuerySet.visible`) is read by every public query:
"not a company of a deactivated owner" is a small set, and these keep it one.
"""

from django.db import models


class NotInArray(models.Func):
    """`value <> ALL (ARRAY(subquery))`, PostgreSQL's "not one of these few values".

    Unlike `NOT IN (subquery)`, which the planner guesses removes half the rows, this keeps
    its row estimates, and with them the choice of plans, close to the truth.
    """

    arg_joiner = " <> ALL (ARRAY"
    template = "%(expressions)s)"
    output_field = models.BooleanField()


class InArray(NotInArray):
    """`value = ANY (ARRAY(subquery))`: "one of these few values", read from an index.

    The planner cannot see how few the values are, so it looks each one up in the index
    where a join would read the whole other table (100,000 companies at 10M listings).
    """

    arg_joiner = " = ANY (ARRAY"
