"""Deals: questions to sellers, requests for quotation, quotes with their revisions and
counter-offers, and the conversations that carry them.

A request (`QuoteRequest`) is sent to the sellers chosen at posting time (`Recipient`
rows, kept so that "was it sent to me?" is one indexed lookup and the closing notice
reaches exactly them). A seller answers with one `Quote` per request; the quote holds its
current figures, and each version the seller sent is kept as a `QuoteRevision`. The
buyer's name and contacts are nowhere in a request: sellers see them on the order that
accepting a quote places, through the orders app's disclosure rules.
"""

from deals.models.conversations import Conversation, Message, Side
from deals.models.quotes import CounterOffer, Quote, QuoteRevision, QuoteTerms
from deals.models.requests import (
    DESCRIPTION_MAX_LENGTH,
    MAX_TOTAL,
    MAX_UNIT_PRICE,
    TERMS_MAX_LENGTH,
    QuoteRequest,
    Recipient,
    SellerPreference,
)

__all__ = [
    "DESCRIPTION_MAX_LENGTH",
    "MAX_TOTAL",
    "MAX_UNIT_PRICE",
    "TERMS_MAX_LENGTH",
    "Conversation",
    "CounterOffer",
    "Message",
    "Quote",
    "QuoteRequest",
    "QuoteRevision",
    "QuoteTerms",
    "Recipient",
    "SellerPreference",
    "Side",
]
