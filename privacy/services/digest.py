"""The privacy officer's daily digest: what is due this week and what is already late."""

from django.conf import settings
from django.urls import reverse

from privacy.services.common import mail
from privacy.texts import DIGEST_SUBJECT


def privacy_digest_send(*, now=None) -> int:
    """E-mail PRIVACY_OFFICER_EMAIL the digest; return how many items it lists (0: no mail).

    Run daily by Celery beat. Nothing is sent on a day with nothing to say.
    """
    from privacy.selectors import privacy_digest

    digest = privacy_digest(now=now)
    items = sum(len(value) for value in digest.values())
    if not items or not settings.PRIVACY_OFFICER_EMAIL:
        return 0
    admin = settings.SITE_URL.rstrip("/")
    mail(
        to=settings.PRIVACY_OFFICER_EMAIL,
        subject=DIGEST_SUBJECT,
        template="privacy/email/digest.txt",
        context={
            **digest,
            "requests_url": admin + reverse("admin:privacy_datarequest_changelist"),
            "breaches_url": admin + reverse("admin:privacy_breach_changelist"),
            "sweeps_url": admin + reverse("admin:privacy_sweeprun_changelist"),
        },
    )
    return items
