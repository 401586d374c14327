"""Writes of orders, one module per job:

- `cart`: adding to, changing and removing from the session's cart;
- `options`: the shipping and payment options a seller offers;
- `placing`: an order from the cart (or from lines agreed with the seller);
- `workflow`: the seller moves an order through its statuses;
- `messages`: messages between buyer and seller on an order;
- `reviews`: the rule that only a buyer with a completed order reviews a seller;
- `mail`: the e-mails that tell about all of the above.

Every function takes keyword-only arguments, checks the rule it enforces and writes inside
one transaction, together with what the change owes to others: the consent it was given
under, its history event, the e-mails that tell about it (rows of the outbox, written by
`outbox.services.mail_queue` and sent once the transaction commits). Refusals raise
`OrderError` with a message meant for the person who asked; views show it next to the form.

Callers use this package's names (`from orders import services; services.order_place`).
The cart and checkout views look theirs up here at each call, so a test can hold one at a
barrier without a mock (orders/tests/test_session_concurrency.py).
"""

from orders.services.cart import (
    LINE_TOO_LARGE,
    OWN_LISTING,
    QUANTITY_BELOW_MINIMUM,
    QUANTITY_INVALID,
    QUANTITY_TOO_LARGE,
    cart_add,
    cart_change,
    cart_remove,
)
from orders.services.errors import OrderError
from orders.services.messages import MESSAGE_REQUIRED, message_send, messages_mark_read
from orders.services.options import DEFAULT_OPTIONS, seller_options_ensure, seller_options_save
from orders.services.placing import (
    CART_BELOW_MINIMUM,
    CART_EMPTY_FOR_SELLER,
    CART_ITEMS_UNAVAILABLE,
    CHECKOUT_CONSENT_TEXT,
    CHECKOUT_PRICE_NOTE,
    OPTION_NOT_OFFERED,
    ORDER_TOO_LARGE,
    OWN_COMPANY,
    Placed,
    checkout_token_new,
    order_place,
)
from orders.services.reviews import REVIEW_NEEDS_COMPLETED_ORDER, review_needs_completed_order
from orders.services.workflow import (
    ACTIONS,
    CANCEL_REASON_REQUIRED,
    FINAL_TOTAL_REQUIRED,
    TRANSITION_REFUSED,
    order_cancel,
    order_complete,
    order_confirm,
    order_ship,
)

__all__ = [
    "ACTIONS",
    "CANCEL_REASON_REQUIRED",
    "CART_BELOW_MINIMUM",
    "CART_EMPTY_FOR_SELLER",
    "CART_ITEMS_UNAVAILABLE",
    "CHECKOUT_CONSENT_TEXT",
    "CHECKOUT_PRICE_NOTE",
    "DEFAULT_OPTIONS",
    "FINAL_TOTAL_REQUIRED",
    "LINE_TOO_LARGE",
    "MESSAGE_REQUIRED",
    "OPTION_NOT_OFFERED",
    "ORDER_TOO_LARGE",
    "OWN_COMPANY",
    "OWN_LISTING",
    "QUANTITY_BELOW_MINIMUM",
    "QUANTITY_INVALID",
    "QUANTITY_TOO_LARGE",
    "REVIEW_NEEDS_COMPLETED_ORDER",
    "TRANSITION_REFUSED",
    "OrderError",
    "Placed",
    "cart_add",
    "cart_change",
    "cart_remove",
    "checkout_token_new",
    "message_send",
    "messages_mark_read",
    "order_cancel",
    "order_complete",
    "order_confirm",
    "order_place",
    "order_ship",
    "review_needs_completed_order",
    "seller_options_ensure",
    "seller_options_save",
]
