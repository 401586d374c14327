from deals.selectors import unread_cache_key
from portal.cache import forget_on_commit
from portal.errors import ShownError


class DealError(ShownError):
    """A refused change; `message` is safe to show to the person who asked."""


def forget_unread(*user_ids) -> None:
    """Drop the cached unread counts of these users once the change is committed."""
    forget_on_commit(*(unread_cache_key(pk) for pk in user_ids if pk))
