"""The privacy app's own personal data: the ledgers and the data requests; and the outbox's
and the admin log's.

The outbox (django-post-office's rows) sits below privacy and cannot declare itself, so it
is declared here. Its e-mails hold addresses and texts: they are found by recipient address
(the person's e-mails, and the contact addresses their other rows hold, see `_addresses_of`),
deleted with the person, and deleted anyway OUTBOX_RETENTION_DAYS after they were written
(outbox.services.outbox_purge). The export lists when the portal wrote to the person and
about what, not the texts: those carry one-time links (password reset, confirmations) that
must not be copied into a file.

Django admin's own log (`LogEntry`) is declared in `privacy.personal_data_admin_log`,
imported at the end of this module.
"""

from django.db.models import EmailField, Q
from django.utils.translation import gettext_lazy as _
from post_office.models import Attachment, Email, EmailTemplate, Log

from outbox.erased import ERASED_EMAIL
from privacy.hashing import email_hash
from privacy.models import (
    Acceptance,
    AuthorityRequest,
    Breach,
    ConsentEvent,
    CookiePartner,
    DataRequest,
    DisclosureEvent,
    DisclosurePerson,
    LegalHold,
    PolicyVersion,
    Purpose,
    RestrictionEvent,
    SweepRun,
)
from privacy.registry import (
    Erasure,
    LegalBasis,
    Source,
    Subjects,
    by_user,
    by_user_or_email,
    normalise_email,
    registry,
)


def _hashes_of(subjects: Subjects) -> frozenset[str]:
    """Return the keyed hashes of the batch's e-mails, computed once per batch."""
    key = ("ledgers", "hashes")
    if key not in subjects.related:
        subjects.related[key] = frozenset(email_hash(e) for e in subjects.emails)
    return subjects.related[key]


def _by_user_or_email_hash(user_field: str):
    """Match ledger rows of the users, or of guests under the keyed hash of their e-mail."""

    def subject_filter(subjects: Subjects) -> Q:
        condition = Q(pk__in=[])
        if subjects.user_ids:
            condition |= Q(**{f"{user_field}__in_batch": subjects.user_ids})
        if subjects.emails:
            condition |= Q(subject_hash__in_batch=_hashes_of(subjects))
        return condition

    return subject_filter


_named_by_lists = _by_user_or_email_hash("user")


def _disclosures_of(subjects: Subjects) -> list[Q]:
    """Disclosures about the subjects alone, and list pages in admin that named them."""
    key = ("disclosures", "named")
    if key not in subjects.related:  # looked up once per batch, like `via`
        named = DisclosurePerson.objects.filter(_named_by_lists(subjects))
        subjects.related[key] = frozenset(named.values_list("event_id", flat=True))
    events = subjects.related[key]
    alternatives = [_by_user_or_email_hash("subject")(subjects)]
    if events:
        alternatives.append(Q(pk__in_batch=events))
    return alternatives


OPERATOR = _("The operator")


def _addresses_of(subjects: Subjects) -> frozenset[str]:
    """Return every address the portal may have written to about the subjects.

    Their own e-mails, and the addresses their rows elsewhere give (the contact e-mail on a
    signed-in buyer's order may differ from the account's): every e-mail field that another
    source declares. Looked up once per batch, before anything is erased (this source is
    declared first, and the engine resolves every source before erasing), and kept with the
    batch for the check after erasure.
    """
    key = ("outbox", "addresses")
    if key not in subjects.related:
        found = set(subjects.emails)
        for source in registry.sources():
            if source.model is Email:
                continue
            for name in [n for n in source.fields if _is_email_field(source.model, n)]:
                rows = source.rows(subjects).values_list(name, flat=True)
                found.update(normalise_email(address) for address in rows if address)
        subjects.related[key] = frozenset(found)
    return subjects.related[key]


def _is_email_field(model, name: str) -> bool:
    return isinstance(model._meta.get_field(name), EmailField)


def _mails_to(subjects: Subjects) -> Q:
    """Match e-mails to the subjects' addresses (one recipient per mail: outbox.services)."""
    addresses = _addresses_of(subjects)
    return Q(to__in_batch=addresses) if addresses else Q(pk__in=[])


registry.register(
    Source(
        model=Email,
        fields=("to", "cc", "bcc", "subject", "message", "html_message"),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The operator; its e-mail delivery provider"),
        description=_("E-mails the portal sent you"),
        subject_filter=_mails_to,
        erasure=Erasure.DELETE,
        export_fields=("pk", "created", "subject", "status"),
    )
)


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
        recipients=OPERATOR,
        description=_("Consent ledger: your consents and withdrawals"),
        subject_filter=_by_user_or_email_hash("user"),
        erasure=Erasure.KEEP,
        kept_because=KEPT_AS_PROOF,
        export_fields=(
            "created_at",
            "purpose__name",
            "action",
            "channel",
            "policy_version__version",
            "language",
            "text_shown",
            "ip_truncated",
            "user_agent",
        ),
        labels={"policy_version__version": _("policy version")},
        gettext_values=("purpose__name",),
    )  # fmt: skip
)
registry.register(
    Source(
        model=DisclosureEvent,
        fields=("subject", "actor"),
        purpose="legal",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients=OPERATOR,
        description=_("Disclosure ledger: who has seen your data"),
        subject_filter=_disclosures_of,
        erasure=Erasure.KEEP,
        kept_because=KEPT_AS_PROOF,
        export_fields=(
            "created_at",
            "actor_label",
            "fields",
            "purpose__name",
            "reason",
            "object_label",
        ),
        gettext_values=("purpose__name", "reason"),
    )  # fmt: skip
)
# The request itself is kept (it proves the request was answered), but not what it says
# about the person: their e-mail, their words and any export they received.
registry.register(
    Source(
        model=DataRequest,
        fields=("user", "email", "details", "export", "handled_by", "rejection_reason"),
        purpose="legal",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients=OPERATOR,
        description=_("Your requests about your data"),
        subject_filter=by_user_or_email("user", "email"),
        erasure=Erasure.ANONYMISE,
        anonymised={
            "email": ERASED_EMAIL,
            "details": "",
            "export": None,
            "rejection_reason": "",
        },
        # An erasure that waits for open orders keeps its address until it is finished:
        # the next run finds the person's remaining rows by it (privacy.services.waiting).
        kept_while=Q(status=DataRequest.Status.WAITING),
        kept_why=_("The erasure itself is not finished yet."),
        kept_until=_("until your open orders close"),
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
        recipients=_("The operator; the authority that ordered the hold"),
        description=_("Orders of courts or state bodies to keep your data"),
        subject_filter=by_user_or_email("user", "email"),
        erasure=Erasure.KEEP,
        kept_because=_("A court or state body ordered the data kept (legal hold)."),
        export_fields=("pk", "authority", "until", "created_at"),
    )
)
registry.register(
    Source(
        model=Acceptance,
        fields=("user", "ip_truncated", "user_agent", "text_shown"),
        purpose="legal",
        legal_basis=LegalBasis.CONTRACT,
        recipients=OPERATOR,
        description=_("What you accepted: the user agreement, the rules, your age"),
        subject_filter=by_user("user"),
        erasure=Erasure.KEEP,
        kept_because=_(
            "Kept as proof of what the person agreed to, and that they said they were of "
            "age; after erasure the rows point only to the anonymised account."
        ),
        export_fields=(
            "created_at",
            "statement",
            "document_version__version",
            "language",
            "text_shown",
            "ip_truncated",
            "user_agent",
        ),
        labels={"document_version__version": _("version of the text")},
    )  # fmt: skip
)
registry.register(
    Source(
        model=DisclosurePerson,
        fields=("user",),
        purpose="legal",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients=OPERATOR,
        description=_("Lists in admin that showed your data among others'"),
        subject_filter=_named_by_lists,
        erasure=Erasure.KEEP,
        kept_because=KEPT_AS_PROOF,
        export_fields=("event__created_at", "event__reason", "event__object_label"),
        labels={
            "event__created_at": _("time"),
            "event__reason": _("reason"),
            "event__object_label": _("record"),
        },
        gettext_values=("event__reason",),
    )
)
registry.register(
    Source(
        model=RestrictionEvent,
        fields=("user", "actor"),
        purpose="legal",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients=OPERATOR,
        description=_("Restriction ledger: when processing of your data was restricted"),
        subject_filter=_by_user_or_email_hash("user"),
        erasure=Erasure.KEEP,
        kept_because=KEPT_AS_PROOF,
        export_fields=("created_at", "action", "data_request_id"),
    )
)
registry.register(
    Source(
        model=AuthorityRequest,
        fields=("user", "email", "created_by"),
        purpose="legal",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients=_("The state body that asked"),
        description=_("Requests of state bodies for your data"),
        # Hidden ones are not exported: the request forbids telling the person.
        subject_filter=lambda subjects: [
            alt & Q(must_not_tell=False) for alt in by_user_or_email("user", "email")(subjects)
        ],
        erasure=Erasure.KEEP,
        kept_because=_("A state body's request and what it was given are kept by law."),
        export_fields=("created_at", "body", "legal_basis", "document_number", "fields_given"),
    )
)
registry.exempt(
    Purpose,
    ("name", "description"),
    reason=_("The portal's own description of a purpose."),
)
TRANSLATED_TEXT = _("The portal's own legal text.")
registry.exempt(
    PolicyVersion,
    tuple(
        f"{name}{suffix}"
        for name in ("text", "summary_of_changes")
        for suffix in ("", "_ru", "_kk", "_en")
    ),
    reason=TRANSLATED_TEXT,
)
registry.exempt(AuthorityRequest, ("body",), reason=_("The name of a state body, not of a person."))
registry.exempt(SweepRun, ("error",), reason=_("A technical error message of the sweep."))
registry.exempt(
    Breach,
    ("description", "consequences", "measures", "notice_text", "notice_approved_by",
     "created_by", "data_categories", "people_categories"),
    reason=_(
        "An incident described by categories of data and people, never by person; the "
        "staff members who recorded it and approved its notice are its audit trail."
    ),
)  # fmt: skip

registry.exempt(CookiePartner, ("name",), reason=_("The name of a company, not of a person."))
registry.exempt(
    Email,
    ("from_email", "message_id"),
    reason=_("The portal's own sender address; a generated Message-ID that names nobody."),
)
registry.exempt(
    Log,
    ("message",),
    reason=_("The mail server's answer to a sending; deleted with its e-mail (cascade)."),
)
registry.exempt(
    EmailTemplate,
    ("name", "description", "content", "html_content"),
    reason=_("Templates written by the operator (the portal renders its mails from files)."),
)
registry.exempt(
    Attachment, ("name",), reason=_("Not used: the outbox queues no attachments (file names).")
)

# Django admin's own log, declared in a module of its own (imported here, so registered
# after every source above).
from privacy import personal_data_admin_log  # noqa: E402, F401
