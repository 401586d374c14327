"""How each kind of data request is answered; each answer fills the request's report.

Each answer takes the request (in progress, inside the caller's transaction) and returns
the names of the extra fields it changed, which the caller saves with the status.
"""

from collections.abc import Callable

from privacy.erasure import subjects_erase, subjects_of_users
from privacy.export import subject_export
from privacy.models import ConsentEvent, DataRequest, Purpose, RestrictionEvent
from privacy.registry import LegalBasis, Subjects
from privacy.services.ledgers import consent_withdraw
from privacy.services.restrictions import restriction_record


def subjects_of(data_request: DataRequest) -> Subjects:
    """Return the person a request is about: their account and every address it names."""
    if data_request.user_id:
        subjects = subjects_of_users([data_request.user_id])
        return Subjects(
            user_ids=subjects.user_ids,
            emails=subjects.emails | {data_request.email},
            related=subjects.related,
        )
    return Subjects.of(emails=[data_request.email])


def _person(data_request: DataRequest) -> dict:
    return {"user": data_request.user} if data_request.user_id else {"email": data_request.email}


def _answer_access(data_request: DataRequest) -> list[str]:
    export = subject_export(subjects=subjects_of(data_request))
    data_request.export = export
    data_request.report = {"rows_per_source": {k: len(v["rows"]) for k, v in export.items()}}
    return ["export"]


def _answer_erasure(data_request: DataRequest) -> list[str]:
    def wait(_waiting: Subjects) -> None:
        # Before anything is erased: a waiting request keeps its address (the registry
        # keeps waiting requests), which the sweep needs to finish the erasure later.
        data_request.status = DataRequest.Status.WAITING
        DataRequest.objects.filter(pk=data_request.pk).update(status=data_request.status)

    result = subjects_erase(subjects=subjects_of(data_request), on_waiting=wait)
    data_request.report = result.as_report()
    data_request.check_failed = not result.check_passed
    if result.held:
        data_request.status = DataRequest.Status.BLOCKED
        data_request.rejection_reason = "; ".join(hold["reason"] for hold in result.held)
    return ["check_failed", "rejection_reason"]


def _answer_withdrawal(data_request: DataRequest) -> list[str]:
    purposes = Purpose.objects.filter(legal_basis=LegalBasis.CONSENT)
    if data_request.kind == DataRequest.Kind.OBJECTION:
        # An objection stops everything the person may refuse: the optional purposes.
        purposes = purposes.filter(Purpose.CHANGEABLE)
    codes = list(purposes.values_list("code", flat=True))
    text = f"Data request #{data_request.pk}: {data_request.get_kind_display()}"
    for code in codes:
        consent_withdraw(
            purpose=code,
            channel=ConsentEvent.Channel.ADMIN,
            text_shown=text,
            **_person(data_request),
        )
    data_request.report = {"withdrawn": codes}
    return []


def _answer_restriction(data_request: DataRequest) -> list[str]:
    restriction_record(
        action=RestrictionEvent.Action.RESTRICT,
        data_request=data_request,
        actor=data_request.handled_by,
        **_person(data_request),
    )
    data_request.report = {"restricted": True}
    return []


def _answer_by_staff(data_request: DataRequest) -> list[str]:
    # Rectification is carried out by a person, who then runs this to close it.
    data_request.report = {"note": "Handled by staff."}
    return []


ANSWERS: dict[str, Callable[[DataRequest], list[str]]] = {
    DataRequest.Kind.ACCESS: _answer_access,
    DataRequest.Kind.ERASURE: _answer_erasure,
    DataRequest.Kind.OBJECTION: _answer_withdrawal,
    DataRequest.Kind.WITHDRAWAL: _answer_withdrawal,
    DataRequest.Kind.RECTIFICATION: _answer_by_staff,
    # Weighing an objection against the interest it opposes is a person's decision.
    DataRequest.Kind.OBJECTION_INTEREST: _answer_by_staff,
    DataRequest.Kind.RESTRICTION: _answer_restriction,
}


def answer(data_request: DataRequest) -> list[str]:
    """Answer the request by its kind; return the extra fields changed."""
    return ANSWERS[data_request.kind](data_request)
