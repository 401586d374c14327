"""The support app's declaration to the privacy engine (see privacy.registry).

- Callback requests and feedback are the person's own requests: erasure deletes them.
  A guest's callback has no e-mail, so no subject can be matched to it; it goes with the
  account when the caller was signed in; guests' ones are deleted by
  `support.services.callbacks_purge_guests` once as old as the retention period.
- Complaints are anonymised, not deleted. A complaint together with its staff actions is
  the record of why a listing, a review or a seller was moderated, which the seller may
  contest long after the reporter has left. Erasure therefore removes everything that is
  about the reporter (the link to the account, the guest's name and e-mail, the text in
  their words, the resolution written to them, and the staff's notes on it) and keeps
  only the moderation facts: what was reported, why (the reason code), the status, the
  dates and which staff member took which action.
- Staff members' links (`actor`, `handled_by`) are exempt: they record who did the work
  and point at a user row that accounts anonymise when that staff member is erased.

ComplaintAction is declared before Complaint: the erasure engine walks sources in this
order, and the actions are found through their complaint's reporter, which erasing the
complaint clears.
"""

from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    Erasure,
    LegalBasis,
    Source,
    Subjects,
    by_user,
    by_user_or_email,
    registry,
    via,
)
from support.models import CallbackRequest, Complaint, ComplaintAction, Feedback

_complaints_of = by_user_or_email("reporter", "guest_email")

registry.register(
    Source(
        model=ComplaintAction,
        fields=("note",),
        purpose="service",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        recipients=_("The operator's staff"),
        description=_("Staff notes on your complaints"),
        subject_filter=via("complaint", Complaint, _complaints_of),
        erasure=Erasure.ANONYMISE,
        anonymised={"note": ""},
        export_fields=("pk", "complaint_id", "kind", "note", "created_at"),
    )
)

registry.register(
    Source(
        model=Complaint,
        fields=("reporter", "guest_name", "guest_email", "text", "resolution"),
        purpose="service",
        legal_basis=LegalBasis.CONSENT,
        recipients=_("The operator's staff"),
        description=_("Your complaints about listings, reviews, sellers and orders"),
        subject_filter=_complaints_of,
        erasure=Erasure.ANONYMISE,
        anonymised={
            "reporter": None,
            "guest_name": "",
            "guest_email": "",
            "text": "",
            "resolution": "",
        },
        export_fields=(
            "pk",
            "target_kind",
            "target_label",
            "reason",
            "text",
            "guest_name",
            "guest_email",
            "status",
            "resolution",
            "created_at",
            "closed_at",
        ),
        guest_activity=("guest_email", "created_at"),
    )
)

_callbacks_of = by_user("user")


def _export_callbacks(subjects: Subjects) -> list[dict]:
    """Return the callback requests with the phone as text (an export is JSON)."""
    rows = CallbackRequest.objects.filter(_callbacks_of(subjects)).order_by("pk")
    names = ("pk", "name", "phone", "preferred_time", "topic", "is_handled", "created_at")
    return [{**row, "phone": str(row["phone"] or "")} for row in rows.values(*names)]


registry.register(
    Source(
        model=CallbackRequest,
        fields=("user", "name", "phone", "topic", "consent_text"),
        purpose="service",
        legal_basis=LegalBasis.CONSENT,
        recipients=_("The operator's staff"),
        description=_("Your requests to be called back: name, phone and topic"),
        subject_filter=_callbacks_of,
        erasure=Erasure.DELETE,
        custom_export=_export_callbacks,
    )
)

registry.register(
    Source(
        model=Feedback,
        fields=("user", "name", "email", "message"),
        purpose="service",
        legal_basis=LegalBasis.CONSENT,
        recipients=_("The operator's staff"),
        description=_("Your messages to the portal"),
        subject_filter=by_user_or_email("user", "email"),
        erasure=Erasure.DELETE,
        export_fields=("pk", "name", "email", "message", "is_handled", "created_at"),
        guest_activity=("email", "created_at"),
    )
)

STAFF_LINK = (
    "The staff member who acted, kept as the audit trail of support work; the user row it "
    "points at is anonymised by accounts when that staff member is erased."
)
registry.exempt(ComplaintAction, ("actor",), reason=STAFF_LINK)
registry.exempt(CallbackRequest, ("handled_by",), reason=STAFF_LINK)
registry.exempt(Feedback, ("handled_by",), reason=STAFF_LINK)
