from django.core.cache import cache
from django.db import transaction

from deals.selectors import unread_cache_key


class DealError(Exception):
    """A refused change; `message` is safe to show to the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def forget_unread(*user_ids) -> None:
    """Drop the cached unread counts of these users once the change is committed."""
    keys = [unread_cache_key(pk) for pk in user_ids if pk]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))
