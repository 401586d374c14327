"""Writes of deals, by topic: conversations, requests for quotation, quotes.

Every function takes keyword-only arguments, checks the rule it enforces and writes inside
one transaction with the e-mails it owes (deals.notify). Refusals raise `DealError` with a
message meant for the person who asked; views show it next to the form.
"""

from deals.services.base import DealError
from deals.services.conversations import (
    conversation_ask,
    message_send,
    messages_mark_read,
    quote_question,
)
from deals.services.quotes import (
    counter_answer,
    counter_send,
    quote_accept,
    quote_decline,
    quote_submit,
)
from deals.services.requests import (
    digest_send,
    preference_save,
    recipient_decline,
    recipient_open,
    request_cancel,
    request_post,
    requests_expire,
)

__all__ = [
    "DealError",
    "conversation_ask",
    "counter_answer",
    "counter_send",
    "digest_send",
    "message_send",
    "messages_mark_read",
    "preference_save",
    "quote_accept",
    "quote_decline",
    "quote_question",
    "quote_submit",
    "recipient_decline",
    "recipient_open",
    "request_cancel",
    "request_post",
    "requests_expire",
]
