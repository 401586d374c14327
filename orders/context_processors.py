"""What the header of every page shows about orders: the cart and unread messages."""

from django.utils.functional import SimpleLazyObject

from orders.cart import Cart
from orders.selectors import unread_message_count


def header(request):
    """Return `cart_count` (lines in the cart) and `unread_messages` (on the user's orders).

    Both are lazy: a page that does not show them reads neither the session nor the
    database for them; the unread count is cached per user (see orders.selectors).
    """
    user = getattr(request, "user", None)

    def cart_count():
        session = getattr(request, "session", None)
        return len(Cart(session)) if session is not None else 0

    def unread():
        if user is None or not user.is_authenticated:
            return 0
        return unread_message_count(user=user)

    return {"cart_count": SimpleLazyObject(cart_count), "unread_messages": SimpleLazyObject(unread)}
