"""Deadlines of the breach register: business days in Kazakhstan, hours under the GDPR.

The Law on personal data (Art. 20-1 as amended) gives the operator one business day to
tell the authorised body of a breach; the GDPR (Art. 33) gives 72 hours to tell the
supervisory authority. Business days skip Saturdays, Sundays and the public holidays
listed in PRIVACY_HOLIDAYS (ISO dates: the government moves holidays every year, so the
list is a setting, not code).
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

GDPR_HOURS = 72


def holidays() -> frozenset[dt.date]:
    return frozenset(dt.date.fromisoformat(day) for day in settings.PRIVACY_HOLIDAYS)


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays()


def business_days_after(moment: dt.datetime, days: int = 1) -> dt.datetime:
    """Return the same local time `days` business days after `moment` (Friday 17:00 + 1 is
    Monday 17:00, or later when Monday is a holiday)."""
    local = timezone.localtime(moment)
    day = local.date()
    while days:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            days -= 1
    naive = dt.datetime.combine(day, local.time().replace(tzinfo=None))
    return timezone.make_aware(naive, local.tzinfo)


def gdpr_deadline(moment: dt.datetime) -> dt.datetime:
    return moment + dt.timedelta(hours=GDPR_HOURS)
