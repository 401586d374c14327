"""How the privacy app sends its announcements: through the portal's one outbox.

The e-mail is written in the caller's transaction and sent by a worker after commit, with
retries while the mail server is down (`outbox.services`).
"""

from outbox.services import mail_queue


def mail_send(*, to: str, subject, body, language: str | None = None) -> None:
    """Queue an e-mail to `to` in the current transaction, in `language` (else the active one)."""
    mail_queue(to=to, subject=subject, body=body, language=language)
