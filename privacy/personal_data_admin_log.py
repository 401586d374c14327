"""Django admin's own log (`LogEntry`), declared to the privacy engine.

The admin log names the objects staff changed by their text: a user by their e-mail, and
an e-mail address added on a user's page inside the change message. The rows about an
erased user, or naming one of their e-mails, keep the fact (who acted, when, what kind of
change) and lose the text.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from privacy.personal_data import OPERATOR
from privacy.registry import Erasure, LegalBasis, Source, Subjects, registry

ERASED_LOG_TEXT = "(erased)"


def _admin_log_of(subjects: Subjects) -> list[Q]:
    """Admin log rows about the users' accounts, or named by one of the subjects' e-mails."""
    alternatives = []
    if subjects.user_ids:
        users = ContentType.objects.get_for_model(get_user_model())
        ids = frozenset(str(pk) for pk in subjects.user_ids)
        alternatives.append(Q(content_type=users, object_id__in_batch=ids))
    if subjects.emails:
        alternatives.append(Q(object_repr__in_batch=subjects.emails))
    return alternatives


registry.register(
    Source(
        model=LogEntry,
        fields=("object_repr", "change_message"),
        purpose="legal",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        recipients=OPERATOR,
        description=_("The administrators' log of changes to your account"),
        subject_filter=_admin_log_of,
        erasure=Erasure.ANONYMISE,
        anonymised={"object_repr": ERASED_LOG_TEXT, "change_message": ""},
        export_fields=("action_time", "action_flag", "object_repr"),
        labels={
            "action_time": _("time"),
            "action_flag": _("change"),
            "object_repr": _("record"),
        },
    )
)
registry.exempt(
    LogEntry,
    ("user", "object_id"),
    reason=_(
        "The staff member who acted (the admin log's audit trail, see the accounts source) "
        "and the number of the record changed, not its text."
    ),
)
