"""Messages on an order between its buyer and its seller: sending, and marking read."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.services import user_touch
from orders.models import Order, OrderMessage
from orders.selectors import unread_cache_key
from orders.services.errors import OrderError
from orders.services.mail import _mail_new_message
from portal.cache import forget_on_commit

MESSAGE_REQUIRED = _("Write a message before sending it.")


def _forget_unread(*user_ids) -> None:
    forget_on_commit(*(unread_cache_key(pk) for pk in user_ids if pk))


def message_send(*, order: Order, side: str, body: str, author=None) -> OrderMessage:
    """Post a message on the order from its buyer or its seller, and tell the other side.

    The views decide who may write as which side; a guest buyer writes through the order's
    secret link, and their e-mail is kept on the message for retention and erasure.
    """
    body = (body or "").strip()
    if not body:
        raise OrderError(MESSAGE_REQUIRED)
    author = author if author is not None and author.is_authenticated else None
    with transaction.atomic():
        message = OrderMessage.objects.create(
            order=order,
            side=side,
            author=author,
            author_email=order.email if side == OrderMessage.Side.BUYER and order.is_guest else "",
            body=body,
        )
        if author is not None:
            user_touch(user=author)
        _mail_new_message(message)
        reader = order.company.owner_id if side == OrderMessage.Side.BUYER else order.buyer_id
        _forget_unread(reader)
    return message


def messages_mark_read(*, order: Order, reader_side: str, reader=None) -> int:
    """Mark the other side's messages on the order as read; return how many."""
    buyer, seller = OrderMessage.Side.BUYER, OrderMessage.Side.SELLER
    other = seller if reader_side == buyer else buyer
    with transaction.atomic():
        count = order.messages.filter(side=other, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count and reader is not None and reader.is_authenticated:
            _forget_unread(reader.pk)
    return count
