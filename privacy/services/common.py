"""What the privacy services share: queuing a task after commit, e-mail, absolute links."""

import logging
from contextlib import nullcontext

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from outbox.services import mail_queue
from portal.errors import ShownError

logger = logging.getLogger("privacy.services")


class DataRequestError(ShownError):
    """A data request that cannot move on; the message is safe to show."""


def enqueue_on_commit(task, *args) -> None:
    """Send a task after commit; if the broker is down, log it: a periodic task resumes."""

    def send():
        try:
            task.delay(*args)
        except Exception:  # the broker is unreachable: a beat task picks the work up later
            logger.warning("Could not queue %s%s", task.name, args)

    transaction.on_commit(send)


def mail(
    *, to: str, subject, template: str, context: dict, language=None, forget_once_sent=False
) -> None:
    """Queue an e-mail in the outbox, in the caller's transaction (sent after commit).

    `forget_once_sent` is for the last letter to a person whose data was just erased: the
    outbox deletes it once it is sent, so that no copy of their address outlives it.
    """
    with translation.override(language) if language else nullcontext():
        body = render_to_string(template, context)
    mail_queue(
        to=to,
        subject=subject,
        body=body,
        language=language,
        priority="high",
        forget_once_sent=forget_once_sent,
    )


def site_url(name: str, *args) -> str:
    """Return an absolute link for an e-mail (the request's host, else SITE_URL)."""
    from privacy.links import absolute_url_of

    return absolute_url_of(name, *args)
