"""Reads of the privacy core."""

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery

from privacy.hashing import email_hash
from privacy.models import (
    ConsentEvent,
    DisclosureEvent,
    DisclosurePerson,
    PolicyVersion,
    Purpose,
    RestrictionEvent,
)


def policy_current() -> PolicyVersion | None:
    """Return the privacy policy version in force (the latest published), or None."""
    return document_current(document=PolicyVersion.Document.PRIVACY)


def document_current(*, document: str) -> PolicyVersion | None:
    """Return the version in force of a legal text (the latest published), or None."""
    return PolicyVersion.objects.published().of(document).order_by("-version").first()


def document_get(*, document: str, version: int) -> PolicyVersion | None:
    """Return a published version of a legal text, or None."""
    return PolicyVersion.objects.published().of(document).filter(version=version).first()


def document_versions(*, document: str) -> QuerySet[PolicyVersion]:
    """Return the published versions of a legal text, newest first (for the list of them)."""
    return (
        PolicyVersion.objects.published()
        .of(document)
        .order_by("-version")
        .only("document", "version", "published_at")
    )


LEGAL_NOTICES_CACHE_KEY = "privacy:legal-notices"


def legal_notice_list() -> list[PolicyVersion]:
    """Return the versions announced on the home page now: published in the last NOTICE_DAYS
    and replacing an earlier version, newest first.

    Cached for a minute (publishing clears it), so the home page pays one cache read.
    `legal_notice_key()` names what the notice shows, for a page cache's key.
    """
    from datetime import timedelta

    from django.utils import timezone

    from portal.cache import cached
    from privacy.models.purposes import NOTICE_DAYS

    def current():
        since = timezone.now() - timedelta(days=NOTICE_DAYS)
        rows = PolicyVersion.objects.published().filter(published_at__gte=since, version__gt=1)
        return list(rows.order_by("-published_at").defer("text", "summary_of_changes"))

    try:
        return cached(LEGAL_NOTICES_CACHE_KEY, current, timeout=60)
    except Exception:  # the cache is an optimisation: without Redis, read the database
        return current()


def legal_notice_key() -> str:
    """Return a short token that changes whenever the home page's notice changes."""
    return ",".join(f"{v.document}{v.version}" for v in legal_notice_list())


def purpose_list() -> QuerySet[Purpose]:
    return Purpose.objects.all()


def _subject_events(*, user=None, email="") -> QuerySet[ConsentEvent]:
    if user is not None:
        return ConsentEvent.objects.filter(user=user)
    return ConsentEvent.objects.filter(user__isnull=True, subject_hash=email_hash(email))


def consent_history(*, user=None, email="") -> QuerySet[ConsentEvent]:
    """Return a subject's consent events, newest first, with purpose and policy version."""
    return _subject_events(user=user, email=email).select_related("purpose", "policy_version")


def consent_current(*, user=None, email="") -> dict[str, ConsentEvent]:
    """Return the latest consent event per purpose code for a subject.

    Current consent is derived from the ledger, never stored: the newest event for a
    purpose decides (`event.granted`). Purposes the subject was never asked about are
    absent, which means "no consent".
    """
    latest: dict[str, ConsentEvent] = {}
    for event in consent_history(user=user, email=email).order_by("-created_at", "-pk"):
        latest.setdefault(event.purpose.code, event)
    return latest


def consent_given(*, purpose: str, user=None, email="") -> bool:
    """Return whether the subject consents to `purpose` now.

    A restricted person's consents to optional purposes count as not given while the
    restriction lasts (their data is used for nothing new: `subject_is_restricted`).
    """
    if purpose in RESTRICTED_PURPOSES and subject_is_restricted(user=user, email=email):
        return False
    event = (
        _subject_events(user=user, email=email)
        .filter(purpose__code=purpose)
        .order_by("-created_at", "-pk")
        .first()
    )
    return event is not None and event.granted


def disclosure_list(*, user) -> QuerySet[DisclosureEvent]:
    """Return the disclosures of a user's data the user may see, newest first.

    Both those about the user alone and the admin list pages that showed them among
    others; a state body's request that forbids telling them is left out.
    """
    named = DisclosurePerson.objects.filter(user=user).values("event_id")
    return (
        DisclosureEvent.objects.filter(Q(subject=user) | Q(pk__in=named))
        .filter(hidden_from_subject=False)
        .select_related("purpose")
    )


# What a restriction stops (besides new disclosures): the uses the person may refuse.
RESTRICTED_PURPOSES = (Purpose.MARKETING, Purpose.ANALYTICS, Purpose.ADVERTISING)


def restricted_user_ids() -> QuerySet:
    """Return the ids of users whose processing is restricted now (for a set-based query).

    The same rule as `subject_is_restricted`: the person's newest restriction event restricts.
    """
    newest = (
        RestrictionEvent.objects.filter(user=OuterRef("user"))
        .order_by("-created_at", "-pk")
        .values("action")[:1]
    )
    return (
        RestrictionEvent.objects.filter(user__isnull=False)
        .annotate(newest=Subquery(newest))
        .filter(newest=RestrictionEvent.Action.RESTRICT)
        .values("user_id")
    )


def subject_is_restricted(*, user=None, email="") -> bool:
    """Return whether processing of the person's data is restricted now.

    While restricted, their data is kept but not used for marketing, analytics or new
    disclosures: the one question the rest of the code asks before such a use.
    """
    if user is not None and getattr(user, "pk", None):
        events = RestrictionEvent.objects.filter(user=user)
    elif email:
        events = RestrictionEvent.objects.filter(user__isnull=True, subject_hash=email_hash(email))
    else:
        return False
    latest = events.order_by("-created_at", "-pk").first()
    return latest is not None and latest.restricts


def policy_version_in_force() -> int | None:
    """Return the number of the policy version in force, cached for a minute."""
    from django.core.cache import cache

    from privacy.services import POLICY_CACHE_KEY

    def current_number():
        policy = policy_current()
        return policy.version if policy else 0

    return cache.get_or_set(POLICY_CACHE_KEY, current_number, timeout=60) or None


def policy_accepted_version(*, user) -> int:
    """Return the newest policy version the user accepted (0 if none)."""
    result = ConsentEvent.objects.filter(
        user=user, purpose__code=Purpose.SERVICE, action=ConsentEvent.Action.GRANT
    ).aggregate(version=Max("policy_version__version"))
    return result["version"] or 0


def policy_changes_since(*, version: int) -> QuerySet[PolicyVersion]:
    """Return the published privacy policy versions newer than `version`, newest first."""
    return (
        PolicyVersion.objects.published().privacy().filter(version__gt=version).order_by("-version")
    )


def data_request_counts(*, now=None) -> dict[str, int]:
    """Return how many data requests wait for staff: new (open, within their period) and
    overdue; one query (the admin index shows them)."""
    from django.db.models import Count
    from django.utils import timezone

    from privacy.models import DataRequest

    now = now or timezone.now()
    counts = DataRequest.objects.open().aggregate(
        new=Count("pk", filter=Q(due_at__gte=now)), overdue=Count("pk", filter=Q(due_at__lt=now))
    )
    return {"new": counts["new"], "overdue": counts["overdue"]}


def breach_overdue_list(*, now=None) -> list:
    """Return the breaches whose authority, under either law, was not told in time."""
    from datetime import timedelta

    from django.utils import timezone

    from privacy.models import Breach

    now = now or timezone.now()
    # A business day is never shorter than a day: older ones are the only candidates.
    candidates = Breach.objects.filter(discovered_at__lt=now - timedelta(days=1)).filter(
        Q(authority_notified_at__isnull=True) | Q(gdpr_applies=True, gdpr_notified_at__isnull=True)
    )
    late = []
    for breach in candidates.order_by("discovered_at"):
        # As of `now` (the digest's day), for templates that cannot pass it.
        breach.authority_late = breach.authority_overdue(now)
        breach.gdpr_late = breach.gdpr_overdue(now)
        if breach.authority_late or breach.gdpr_late:
            late.append(breach)
    return late


def privacy_digest(*, now=None, days: int = 7) -> dict:
    """Return what the privacy officer's daily digest lists: requests due within `days`,
    overdue requests, overdue breaches, and staff accounts the last sweep left to them."""
    from django.utils import timezone

    from privacy.models import DataRequest, SweepRun

    now = now or timezone.now()
    requests = DataRequest.objects.order_by("due_at").only(
        "pk", "kind", "status", "due_at", "received_at", "on_hold"
    )
    last_run = SweepRun.objects.filter(dry_run=False).order_by("-started_at").first()
    return {
        "due_soon": list(requests.due_within(days=days, now=now)),
        "overdue": list(requests.overdue(now=now)),
        "breaches": breach_overdue_list(now=now),
        "staff_left": last_run.staff_left if last_run else [],
    }


def erasure_waiting(*, user=None, email="") -> bool:
    """Return whether the person asked for erasure (or was swept) and only the data of open
    orders is left, waiting for them to close: the seller is told so on the order."""
    from privacy.models import DataRequest
    from privacy.registry import normalise_email

    if user is not None:
        person = Q(user=user)
    elif email:
        person = Q(user__isnull=True, email=normalise_email(email))
    else:
        return False
    return DataRequest.objects.waiting().filter(person, kind=DataRequest.Kind.ERASURE).exists()
