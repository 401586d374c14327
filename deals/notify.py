"""The e-mails of deals, in one place: every one goes through `_send`, the only caller of the
portal's outbox, so moving to another outbox is a change of one line.

Each is queued inside the transaction of the change it tells about. No e-mail to a seller
names the buyer: sellers read requests on the portal, where what they see is recorded.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications import Kind, notification_send
from outbox.services import mail_queue

NEW_MESSAGE_SUBJECT = _("New message: %(subject)s")
NEW_MESSAGE_TEXT = _("You have a new message about “%(subject)s”.")
REQUEST_SUBJECT = _("New request for quotation: %(title)s")
REQUEST_TEXT = _("A buyer asks for a quote: %(title)s, %(quantity)s %(unit)s to %(region)s.")
DIGEST_SUBJECT = _("New requests for quotation today: %(n)s")
DIGEST_TEXT = _("Buyers sent you these requests for quotation:")
QUOTE_SUBJECT = _("A quote on your request “%(title)s”")
QUOTE_TEXT = _("%(seller)s sent you a quote (revision %(revision)s) on “%(title)s”.")
COUNTER_SUBJECT = _("A counter-offer on your quote for “%(title)s”")
COUNTER_TEXT = _("The buyer sent a counter-offer on your quote for “%(title)s”.")
COUNTER_ANSWER_SUBJECT = _("The seller answered your counter-offer on “%(title)s”")
COUNTER_ANSWER_TEXT = _("%(seller)s answered your counter-offer: %(answer)s.")
ACCEPTED_SUBJECT = _("Your quote for “%(title)s” is accepted")
ACCEPTED_TEXT = _("The buyer accepted your quote: order %(number)s is placed with you.")
CLOSED_SUBJECT = _("A request for quotation is closed: %(title)s")
CLOSED_TEXT = _("The request “%(title)s” is closed. Thank you for your answer.")


def _url(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _send(*, to: str, recipient, subject, text, link: str, lines=(), kind=None) -> None:
    body = render_to_string(
        "deals/email/notice.txt", {"text": text, "lines": list(lines), "link": link}
    )
    # The outbox skips an erased address; the mail is in the recipient's language.
    language = getattr(recipient, "language", None)
    if kind is None:  # new requests: the seller chooses at /seller/rfq/settings/
        mail_queue(to=to, subject=subject, body=body, language=language)
        return
    notification_send(
        user=recipient, kind=kind, to=to, subject=subject, body=body, link=link, language=language
    )


def _seller(company):
    return company.owner.email, company.owner


def new_message(message) -> None:
    conversation = message.conversation
    context = {"subject": conversation.subject}
    if message.side == "buyer":
        to, recipient = _seller(conversation.company)
        link = _url("deals:seller_conversation", conversation.pk)
    else:
        to, recipient = conversation.buyer.email, conversation.buyer
        link = _url("deals:conversation", conversation.pk)
    _send(
        kind=Kind.NEW_MESSAGE,
        to=to,
        recipient=recipient,
        subject=NEW_MESSAGE_SUBJECT % context,
        text=NEW_MESSAGE_TEXT % context,
        link=link,
    )


def _request_context(request) -> dict:
    return {
        "title": request.title,
        "quantity": request.quantity,
        "unit": request.unit_label,
        "region": request.region_label,
    }


def request_received(*, request, company) -> None:
    to, recipient = _seller(company)
    context = _request_context(request)
    _send(
        to=to,
        recipient=recipient,
        subject=REQUEST_SUBJECT % context,
        text=REQUEST_TEXT % context,
        link=_url("deals:seller_rfq_detail", request.public_id),
    )


def digest(*, company, requests) -> None:
    to, recipient = _seller(company)
    lines = [REQUEST_TEXT % _request_context(r) for r in requests]
    _send(
        to=to,
        recipient=recipient,
        subject=DIGEST_SUBJECT % {"n": len(lines)},
        text=DIGEST_TEXT,
        lines=lines,
        link=_url("deals:seller_rfq"),
    )


def quote_received(*, quote) -> None:
    request = quote.request
    context = {"title": request.title, "seller": quote.company.name, "revision": quote.revision}
    _send(
        kind=Kind.QUOTES,
        to=request.buyer.email,
        recipient=request.buyer,
        subject=QUOTE_SUBJECT % context,
        text=QUOTE_TEXT % context,
        link=_url("deals:rfq_detail", request.public_id),
    )


def counter_received(*, counter) -> None:
    quote = counter.quote
    to, recipient = _seller(quote.company)
    context = {"title": quote.request.title}
    _send(
        kind=Kind.QUOTES,
        to=to,
        recipient=recipient,
        subject=COUNTER_SUBJECT % context,
        text=COUNTER_TEXT % context,
        link=_url("deals:seller_rfq_detail", quote.request.public_id),
    )


def counter_answered(*, counter) -> None:
    quote = counter.quote
    request = quote.request
    context = {"title": request.title, "seller": quote.company.name, "answer": counter.answer_label}
    _send(
        kind=Kind.QUOTES,
        to=request.buyer.email,
        recipient=request.buyer,
        subject=COUNTER_ANSWER_SUBJECT % context,
        text=COUNTER_ANSWER_TEXT % context,
        link=_url("deals:rfq_detail", request.public_id),
    )


def quote_accepted(*, quote) -> None:
    to, recipient = _seller(quote.company)
    context = {"title": quote.request.title, "number": quote.order.number}
    _send(
        kind=Kind.ORDER_CONFIRMATION,
        to=to,
        recipient=recipient,
        subject=ACCEPTED_SUBJECT % context,
        text=ACCEPTED_TEXT % context,
        link=_url("orders:desk_detail", quote.order_id),
    )


def request_closed(*, request, companies) -> None:
    """Tell sellers that a request closed, without saying whether or whom it went to."""
    context = {"title": request.title}
    for company in companies:
        to, recipient = _seller(company)
        _send(
            kind=Kind.QUOTES,
            to=to,
            recipient=recipient,
            subject=CLOSED_SUBJECT % context,
            text=CLOSED_TEXT % context,
            link=_url("deals:seller_rfq_detail", request.public_id),
        )
