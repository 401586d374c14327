"""The privacy app's own personal data: the ledgers and the data requests."""

from django.utils.translation import gettext_lazy as _

from privacy.models import ConsentEvent, DataRequest, DisclosureEvent, PolicyVersion, Purpose
from privacy.registry import Erasure, LegalBasis, Source, by_user, by_user_or_email, registry

KEPT_AS_PROOF = _(
    "Kept as proof of consent and of lawful processing (Law 94-V, Art. 8; GDPR Art. 7(1)); "
    "after erasure the rows point only to the anonymised account."
)

registry.register(
    Source(
        model=ConsentEvent,
        fields=("user", "ip_truncated", "user_agent", "text_shown"),
        purpose="legal",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients="The operator",
        description=str(_("Consent ledger: your consents and withdrawals")),
        subject_filter=by_user("user"),
        erasure=Erasure.KEEP,
        kept_because=str(KEPT_AS_PROOF),
        export_fields=(
            "created_at",
            "purpose__code",
            "action",
            "channel",
            "policy_version__version",
            "text_shown",
            "ip_truncated",
            "user_agent",
        ),
    )  # fmt: skip
)
registry.register(
    Source(
        model=DisclosureEvent,
        fields=("subject", "actor"),
        purpose="legal",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients="The operator",
        description=str(_("Disclosure ledger: who has seen your data")),
        subject_filter=by_user("subject"),
        erasure=Erasure.KEEP,
        kept_because=str(KEPT_AS_PROOF),
        export_fields=(
            "created_at",
            "actor_label",
            "fields",
            "purpose__code",
            "reason",
            "object_label",
        ),
    )  # fmt: skip
)
registry.register(
    Source(
        model=DataRequest,
        fields=("user", "email", "details", "handled_by", "rejection_reason"),
        purpose="legal",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients="The operator",
        description=str(_("Your requests about your data")),
        subject_filter=by_user_or_email("user", "email"),
        erasure=Erasure.KEEP,
        kept_because=str(
            _("Kept to prove that the request was answered, as the law on personal data requires.")
        ),
        export_fields=("pk", "kind", "status", "received_at", "due_at", "completed_at", "details"),
    )
)
registry.exempt(
    Purpose, ("name", "description"), reason="The portal's own description of a purpose."
)
registry.exempt(
    PolicyVersion, ("text", "summary_of_changes"), reason="The portal's own policy text."
)
