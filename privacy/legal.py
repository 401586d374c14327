"""Writes of the acceptance ledger: what a person accepted, in which words and language.

The sign-up form shows one box for the user agreement with the rules (the rules are part
of the agreement) and one for the age of 18; each ticked box becomes rows here, in the
transaction that creates the account, pointing at the versions in force.
"""

from django.db import transaction
from django.utils import timezone

from privacy.models import Acceptance, ConsentEvent, PolicyVersion
from privacy.selectors import document_current
from privacy.services import language_code, truncate_ip


def acceptance_record(
    *, user, statement: str, text_shown: str, channel: str, version=None, ip="", user_agent=""
) -> Acceptance:
    """Record that `user` accepted a statement (a text's version, or their age)."""
    return Acceptance.objects.create(
        user=user,
        statement=statement,
        document_version=version,
        channel=channel,
        text_shown=str(text_shown),
        language=language_code(),
        created_at=timezone.now(),
        ip_truncated=truncate_ip(ip),
        user_agent=(user_agent or "")[:512],
    )


def signup_acceptances_record(*, user, terms_text: str, age_text: str, ip="", user_agent=""):
    """Record the user agreement, the rules and the age confirmed on the sign-up form."""
    common = {"user": user, "channel": ConsentEvent.Channel.SIGNUP, "ip": ip,
              "user_agent": user_agent}  # fmt: skip
    with transaction.atomic():
        rows = [
            acceptance_record(
                statement=Acceptance.Statement.TERMS,
                version=document_current(document=PolicyVersion.Document.TERMS),
                text_shown=terms_text,
                **common,
            ),
            acceptance_record(
                statement=Acceptance.Statement.RULES,
                version=document_current(document=PolicyVersion.Document.RULES),
                text_shown=terms_text,
                **common,
            ),
            acceptance_record(statement=Acceptance.Statement.AGE, text_shown=age_text, **common),
        ]
    return rows
