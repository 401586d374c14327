"""How the privacy app sends its e-mails: one function, so that it changes in one place.

For now it sends with Django's `send_mail` once the caller's transaction commits, as the
data-request e-mails do. When the outbox app (`outbox.services.mail_queue`) exists, only
this function changes: the e-mail is then written in the caller's transaction and sent by
a worker, with retries.
"""

from django.core.mail import send_mail
from django.db import transaction


def mail_send(*, to: str, subject: str, body: str) -> None:
    """Send an e-mail to `to` once the current transaction commits (at once outside one)."""
    subject = str(subject)
    transaction.on_commit(lambda: send_mail(subject, body, None, [to]))
