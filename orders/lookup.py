"""A guest's lost order link, sent again to the order's own address.

For a guest the "order placed" e-mail holds the only copy of the link to their order. If
it is lost (deleted, or never delivered), the guest asks again with the e-mail address and
the order number. The page answers the same whether or not such an order exists, so it
tells nobody which addresses ordered what; the link goes only to the address the order was
placed with, through the outbox; and the form is rate-limited per IP address and per
e-mail address (the rates are settings in django-ratelimit notation, read on every call),
so that it cannot be used to flood a mailbox.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from orders.models import Order
from outbox.erased import is_erased_email
from outbox.services import mail_queue
from privacy.limits import over_limit
from privacy.registry import normalise_email

logger = logging.getLogger(__name__)

RATE_PER_IP = "10/h"
RATE_PER_EMAIL = "3/h"

LINK_MAYBE_SENT = _(
    "If an order with this number was placed with this e-mail address, we have sent the "
    "link to it there. It may take a few minutes; check the spam folder too."
)
LINK_RATE_LIMITED = _(
    "You have asked several times in a short time. Please wait an hour and ask again: what "
    "you typed is kept below."
)
ORDER_LINK_KEEP = _(
    "Bookmark this page or keep its link: without an account it is the only way to open your "
    "order. Keep it to yourself: whoever has it can open the order."
)
LINK_UNAVAILABLE = _(
    "We cannot send links at the moment. Please try again in a few minutes: what you typed "
    "is kept below."
)
LINK_SUBJECT = _("The link to your order %(number)s")


def order_link_refusal(request, *, email: str):
    """Count an ask for a link; return why it is refused (a message), or None to send.

    Fails closed: without the shared counters (the cache is down) nothing is sent, because
    a form that sends e-mail is exactly what a flood would use.
    """
    try:
        limited = over_limit(
            request,
            group="orders.link",
            per_ip=getattr(settings, "ORDER_LINK_RATE_PER_IP", RATE_PER_IP),
            identity=normalise_email(email),
            per_identity=getattr(settings, "ORDER_LINK_RATE_PER_EMAIL", RATE_PER_EMAIL),
        )
    except Exception:  # the cache's client errors vary with its backend
        logger.warning("Order link rate limit unavailable: refusing", exc_info=True)
        return LINK_UNAVAILABLE
    return LINK_RATE_LIMITED if limited else None


def order_link_send(*, email: str, number: str) -> bool:
    """Queue the link of the order with this number and e-mail address to that address.

    Return whether an order was found (for tests and logs: the page must not tell).
    """
    order = (
        Order.objects.select_related("company", "buyer")
        .filter(number=number, email=normalise_email(email))
        .first()
    )
    if order is None or is_erased_email(order.email):  # no order, or its address erased
        return False
    body = render_to_string(
        "orders/email/order_link.txt",
        {"order": order, "link": settings.SITE_URL.rstrip("/") + order.get_absolute_url()},
    )
    with transaction.atomic():
        mail_queue(
            to=order.email,
            subject=LINK_SUBJECT % {"number": order.number},
            body=body,
            language=order.buyer.language if order.buyer else None,
        )
    return True
