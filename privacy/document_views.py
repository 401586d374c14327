"""Pages of the legal texts (privacy policy, user agreement, rules) and "Your data and rights".

Each text is shown in the reader's language, or in its fallback with a note saying so. The
privacy policy also shows what the portal really does, drawn from the same sources the
portal runs on: the operator (settings), the purposes, the processors (settings), and the
data held (the personal-data registry), all named in the reader's language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from privacy import labels, selectors
from privacy.models import PolicyVersion
from privacy.models.purposes import CURRENT_URL_NAMES
from privacy.processors import processor_list
from privacy.registry import registry

Document = PolicyVersion.Document


@dataclass(frozen=True)
class DataHeld:
    """One row of the policy's "Data we hold": a source as a person reads it."""

    where: str
    fields: str
    purpose: str
    on_erasure: str


def data_held_list(purposes) -> list[DataHeld]:
    names = {purpose.code: purpose.title for purpose in purposes}
    return [
        DataHeld(
            where=str(source.description),
            fields=", ".join(labels.column_label(source, name) for name in source.fields),
            purpose=names.get(source.purpose, source.purpose),
            on_erasure=labels.erasure_label(source.erasure),
        )
        for source in registry.sources()
    ]


def _page(request, document: str, version: int | None):
    current = selectors.document_current(document=document)
    if version is None:
        shown = current
    else:
        shown = selectors.document_get(document=document, version=version)
    if shown is None:
        raise Http404("No such version of this text has been published.")
    context = {
        "document": shown,
        "policy": shown,
        "is_current": current is not None and shown.pk == current.pk,
        "current_url": reverse(CURRENT_URL_NAMES[document]),
        "versions": selectors.document_versions(document=document),
    }
    if document == Document.PRIVACY:
        purposes = list(selectors.purpose_list())
        context.update(
            purposes=purposes,
            data_held=data_held_list(purposes),
            processors=processor_list(),
            retention_years=settings.PRIVACY_RETENTION_YEARS,
            request_days=settings.PRIVACY_REQUEST_DAYS,
        )
        return render(request, "privacy/policy.html", context)
    return render(request, "privacy/document.html", context)


def policy(request):
    return _page(request, Document.PRIVACY, None)


def policy_version(request, version: int):
    return _page(request, Document.PRIVACY, version)


def terms(request):
    return _page(request, Document.TERMS, None)


def terms_version(request, version: int):
    return _page(request, Document.TERMS, version)


def rules(request):
    return _page(request, Document.RULES, None)


def rules_version(request, version: int):
    return _page(request, Document.RULES, version)


def rights(request):
    """Explain each right in plain words, leading to the Personal Account or the request form."""
    return render(
        request,
        "privacy/rights.html",
        {"request_days": settings.PRIVACY_REQUEST_DAYS},
    )
