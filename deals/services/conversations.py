"""Conversations: a buyer's questions about a listing or a quote, and the answers."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.services import user_touch
from deals import notify
from deals.models import Conversation, Message, Side
from deals.services.base import DealError, forget_unread
from orders.services import MESSAGE_REQUIRED

ASK_OWN_LISTING = _("This is your own company's listing: there is nobody to ask.")


def _post(conversation: Conversation, *, side: str, author, body: str) -> Message:
    body = (body or "").strip()
    if not body:
        raise DealError(MESSAGE_REQUIRED)
    message = Message.objects.create(conversation=conversation, side=side, author=author, body=body)
    changes = {"last_message_at": message.created_at, "last_side": side}
    if side == Side.SELLER and conversation.first_reply_at is None:
        changes["first_reply_at"] = message.created_at
    Conversation.objects.filter(pk=conversation.pk).update(**changes)
    for name, value in changes.items():
        setattr(conversation, name, value)
    user_touch(user=author)
    notify.new_message(message)
    reader = conversation.company.owner_id if side == Side.BUYER else conversation.buyer_id
    forget_unread(reader)
    return message


def conversation_ask(*, user, listing, body: str) -> Conversation:
    """Ask the seller about a listing: the buyer's one conversation about it grows."""
    if listing.company.owner_id == user.pk:
        raise DealError(ASK_OWN_LISTING)
    with transaction.atomic():
        conversation, _created = Conversation.objects.get_or_create(
            buyer=user,
            listing=listing,
            quote=None,
            defaults={
                "company": listing.company,
                "subject": listing.title[:200],
                "last_side": Side.BUYER,
            },
        )
        _post(conversation, side=Side.BUYER, author=user, body=body)
    return conversation


def quote_question(*, user, quote, body: str) -> Conversation:
    """Ask the seller a question about their quote (the request's buyer only: views check)."""
    with transaction.atomic():
        conversation, _created = Conversation.objects.get_or_create(
            quote=quote,
            defaults={
                "buyer": user,
                "company": quote.company,
                "subject": quote.request.title[:200],
                "last_side": Side.BUYER,
            },
        )
        _post(conversation, side=Side.BUYER, author=user, body=body)
    return conversation


def message_send(*, conversation: Conversation, side: str, author, body: str) -> Message:
    """Write in a conversation as its buyer or its seller (the views decide which)."""
    with transaction.atomic():
        return _post(conversation, side=side, author=author, body=body)


def messages_mark_read(*, conversation: Conversation, reader_side: str, reader) -> int:
    """Mark the other side's messages as read; return how many."""
    other = Side.SELLER if reader_side == Side.BUYER else Side.BUYER
    count = Message.objects.filter(
        Q(conversation=conversation, side=other, read_at__isnull=True)
    ).update(read_at=timezone.now())
    if count:
        forget_unread(reader.pk)
    return count
