"""Public aggregates of orders (privacy.statistics)."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from orders.models import Order
from privacy.statistics import Statistic, register

MONTHS = 12


def orders_per_month() -> list[tuple[str, int]]:
    """Orders placed in each of the last twelve months, oldest first."""
    today = timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _month in range(MONTHS):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    months.reverse()
    start = timezone.make_aware(timezone.datetime(*months[0], 1))
    counts = {
        (row["month"].year, row["month"].month): row["n"]
        for row in Order.objects.filter(created_at__gte=start)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
    }
    return [
        (date_format(timezone.datetime(y, m, 1), "YEAR_MONTH_FORMAT"), counts.get((y, m), 0))
        for y, m in months
    ]


register(
    Statistic(
        key="orders-per-month",
        title=_("Orders per month"),
        description=_("Orders sent to sellers through the portal in the last twelve months."),
        compute=orders_per_month,
    )
)
