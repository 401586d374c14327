"""What waits for staff, shown at the top of the admin index: for each kind of work the
user has the right to do, how many items wait and a link to them (a few counts)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from privacy.models import DataRequest
from support.models import Complaint


@dataclass(frozen=True)
class Waiting:
    label: str
    count: int
    url: str


def _changelist(name: str, **filters) -> str:
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def _complaints(user) -> list[Waiting]:
    kinds = {
        Complaint.TargetKind.LISTING: ("listings.moderate_listing", _("Listings to moderate")),
        Complaint.TargetKind.REVIEW: ("listings.moderate_review", _("Reviews to moderate")),
    }
    allowed = [kind for kind, (perm, _label) in kinds.items() if user.has_perm(perm)]
    if not allowed:
        return []
    counts = dict(
        Complaint.objects.filter(status__in=Complaint.OPEN_STATUSES, target_kind__in=allowed)
        .order_by()
        .values_list("target_kind")
        .annotate(n=Count("pk"))
    )
    open_statuses = ",".join(Complaint.OPEN_STATUSES)
    return [
        Waiting(
            kinds[kind][1],
            counts.get(kind, 0),
            _changelist("support_complaint", target_kind__exact=kind, status__in=open_statuses),
        )
        for kind in allowed
    ]


def _data_requests(user) -> list[Waiting]:
    if not user.has_perm("privacy.view_datarequest"):
        return []
    statuses = DataRequest.RUNNABLE_STATUSES  # staff answer them; new ones wait for the person
    counts = DataRequest.objects.filter(status__in=statuses).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=timezone.now()))
    )
    url = _changelist("privacy_datarequest", status__in=",".join(statuses))
    return [
        Waiting(_("Data requests to answer"), counts["open"], url),
        Waiting(_("Data requests overdue"), counts["overdue"], url),
    ]


def _companies(user) -> list[Waiting]:
    if not user.has_perm("accounts.verify_company"):
        return []
    count = Company.objects.filter(is_verified=False, owner__is_active=True).count()
    url = _changelist("accounts_company", is_verified__exact=0)
    return [Waiting(_("Companies to verify"), count, url)]


def admin_waiting_list(*, user) -> list[Waiting]:
    """Return what waits for the user, for each kind of work they have the right to do."""
    return [*_complaints(user), *_data_requests(user), *_companies(user)]
