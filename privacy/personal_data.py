"""The privacy app's own personal data: the ledgers and the data requests."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from privacy.models import (
    ConsentEvent,
    DataRequest,
    DisclosureEvent,
    LegalHold,
    PolicyVersion,
    Purpose,
    SweepRun,
)
from privacy.registry import (
    Erasure,
    LegalBasis,
    Source,
    Subjects,
    by_user_or_email,
    registry,
)
from privacy.services import email_hash


def _by_user_or_email_hash(user_field: str):
    """Match ledger rows of the users, or of guests under the keyed hash of their e-mail."""

    def subject_filter(subjects: Subjects) -> Q:
        condition = Q(pk__in=[])
        if subjects.user_ids:
            condition |= Q(**{f"{user_field}__in_batch": subjects.user_ids})
        if subjects.emails:
            condition |= Q(subject_hash__in_batch=[email_hash(e) for e in subjects.emails])
        return condition

    return subject_filter


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
        subject_filter=_by_user_or_email_hash("user"),
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
        subject_filter=_by_user_or_email_hash("subject"),
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
# The request itself is kept (it proves the request was answered), but not what it says
# about the person: their e-mail, their words and any export they received.
ERASED_REQUEST_EMAIL = "erased@invalid"
registry.register(
    Source(
        model=DataRequest,
        fields=("user", "email", "details", "export", "handled_by", "rejection_reason"),
        purpose="legal",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients="The operator",
        description=str(_("Your requests about your data")),
        subject_filter=by_user_or_email("user", "email"),
        erasure=Erasure.ANONYMISE,
        anonymised={
            "email": ERASED_REQUEST_EMAIL,
            "details": "",
            "export": None,
            "rejection_reason": "",
        },
        export_fields=("pk", "kind", "status", "received_at", "due_at", "completed_at", "details"),
        guest_activity=("email", "received_at"),
    )
)
registry.register(
    Source(
        model=LegalHold,
        fields=("user", "email", "reason", "created_by"),
        purpose="legal",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients="The operator; the authority that ordered the hold",
        description=str(_("Orders of courts or state bodies to keep your data")),
        subject_filter=by_user_or_email("user", "email"),
        erasure=Erasure.KEEP,
        kept_because=str(_("A court or state body ordered the data kept (legal hold).")),
        export_fields=("pk", "authority", "until", "created_at"),
    )
)
registry.exempt(
    Purpose, ("name", "description"), reason="The portal's own description of a purpose."
)
registry.exempt(
    PolicyVersion, ("text", "summary_of_changes"), reason="The portal's own policy text."
)
registry.exempt(SweepRun, ("error",), reason="A technical error message of the sweep.")
