"""Requests of state bodies: what was handed over, recorded as a disclosure."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from privacy.models import AuthorityRequest, Purpose
from privacy.services.ledgers import disclosure_record

AUTHORITY_REASON = "%(basis)s; document no. %(number)s"


def authority_disclosure_record(*, authority_request: AuthorityRequest, actor) -> AuthorityRequest:
    """Save a state body's request and the disclosure it made, in one transaction.

    The person sees it under "who has seen my data", named by the body, with the legal
    basis and the document's number; unless the request forbids telling them, when the
    disclosure is hidden from them (and flagged in admin).
    """
    with transaction.atomic():
        authority_request.created_by = actor
        user = authority_request.user
        authority_request.disclosure = disclosure_record(
            actor=actor,
            actor_label=authority_request.body,
            subject=user,
            email="" if user is not None else authority_request.email,
            fields=authority_request.fields_given,
            purpose=Purpose.LEGAL,
            reason=AUTHORITY_REASON
            % {
                "basis": authority_request.legal_basis,
                "number": authority_request.document_number,
            },
            object_label=str(_("Request of a state body")),
            hidden_from_subject=authority_request.must_not_tell,
        )
        authority_request.save()
    return authority_request
