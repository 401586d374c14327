"""Publishing the legal texts and recording that a user accepted the privacy policy."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from privacy.models import ConsentEvent, PolicyVersion, Purpose
from privacy.services.common import enqueue_on_commit
from privacy.services.ledgers import consent_grant

POLICY_CACHE_KEY = "privacy:policy-version-in-force"
POLICY_SESSION_KEY = "privacy_policy_accepted"


def policy_publish(*, policy: PolicyVersion) -> PolicyVersion:
    """Publish a version of a legal text now, and announce it.

    A new privacy policy is put to signed-in users to accept at their next visit. A version
    that replaces an earlier one is announced on the home page for NOTICE_DAYS and by
    e-mail to every active user, in batches, by a task queued once this commits.
    """
    from privacy.selectors import LEGAL_NOTICES_CACHE_KEY
    from privacy.tasks import legal_change_announce_task

    with transaction.atomic():
        policy.published_at = timezone.now()
        policy.save(update_fields=["published_at"])
        transaction.on_commit(
            lambda: cache.delete_many([POLICY_CACHE_KEY, LEGAL_NOTICES_CACHE_KEY])
        )
        if policy.version > 1:
            enqueue_on_commit(legal_change_announce_task, policy.pk)
    return policy


def policy_accept(*, user, policy: PolicyVersion, text_shown: str, ip="", user_agent=""):
    """Record a signed-in user's acceptance of `policy` for every required purpose."""
    with transaction.atomic():
        return [
            consent_grant(
                purpose=purpose,
                channel=ConsentEvent.Channel.ACCOUNT,
                text_shown=text_shown,
                user=user,
                ip=ip,
                user_agent=user_agent,
                policy=policy,
            )
            for purpose in Purpose.objects.filter(is_required=True)
        ]
