"""Reads of the privacy core."""

from django.db.models import Max, QuerySet

from privacy.models import ConsentEvent, DisclosureEvent, PolicyVersion, Purpose
from privacy.services import email_hash


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

    from django.core.cache import cache
    from django.utils import timezone

    from privacy.models.purposes import NOTICE_DAYS

    def current():
        since = timezone.now() - timedelta(days=NOTICE_DAYS)
        rows = PolicyVersion.objects.published().filter(published_at__gte=since, version__gt=1)
        return list(rows.order_by("-published_at").defer("text", "summary_of_changes"))

    try:
        return cache.get_or_set(LEGAL_NOTICES_CACHE_KEY, current, timeout=60)
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
    event = (
        _subject_events(user=user, email=email)
        .filter(purpose__code=purpose)
        .order_by("-created_at", "-pk")
        .first()
    )
    return event is not None and event.granted


def disclosure_list(*, user) -> QuerySet[DisclosureEvent]:
    """Return the disclosures of a user's data, newest first."""
    return DisclosureEvent.objects.filter(subject=user).select_related("purpose")


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
