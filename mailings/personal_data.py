"""The personal data of mailings, declared to the privacy engine (see privacy.registry).

- A delivery (who got which campaign or digest, when, with what outcome) is the proof that
  a mailing went only to people who consented: exported with the person, deleted with
  them, and deleted anyway after MAILING_DELIVERY_RETENTION_DAYS (deliveries_purge).
- The categories a person follows are their choice for the digest: exported and deleted.
- Campaigns and their blocks are staff's texts about the catalogue, not about a person.
"""

from django.utils.translation import gettext_lazy as _

from mailings.models import Block, Campaign, Delivery, FollowedCategory
from privacy.registry import Erasure, LegalBasis, Source, by_user, registry

registry.register(
    Source(
        model=Delivery,
        fields=("user", "campaign", "digest_week", "created_at", "outcome", "email_id"),
        purpose="marketing",
        legal_basis=LegalBasis.CONSENT,
        recipients=_("The operator; its e-mail delivery provider"),
        description=_(
            "The news, offers and digests e-mailed to you, when, and whether they arrived"
        ),
        subject_filter=by_user("user"),
        erasure=Erasure.DELETE,
        export_fields=("pk", "campaign__subject_ru", "digest_week", "created_at", "outcome"),
        labels={"campaign__subject_ru": _("subject")},
    )
)

registry.register(
    Source(
        model=FollowedCategory,
        fields=("user", "category"),
        purpose="marketing",
        legal_basis=LegalBasis.CONSENT,
        recipients=_("The operator"),
        description=_("The categories you follow for the weekly digest of new listings"),
        subject_filter=by_user("user"),
        erasure=Erasure.DELETE,
        export_fields=("pk", "category__slug", "created_at"),
    )
)

registry.exempt(
    Campaign,
    ("name",),
    reason=_("The name staff give a campaign, to find it in admin: not about a person."),
)

registry.exempt(
    Block,
    ("text", "text_ru", "text_kk", "text_en"),
    reason=_("The texts staff write for a campaign: about the catalogue, not about a person."),
)
