"""A per-process cache whose entries live at most MAX_AGE seconds, whatever they ask for.

For small, rarely changed data read on every request (the cookie groups of the consent
banner): a process-local copy saves the shared cache's round trips, and the short cap bounds
how long another process may show a copy that admin has just changed.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class ShortLivedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self.max_age = int(params.get("OPTIONS", {}).get("MAX_AGE", 60))

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        if timeout is DEFAULT_TIMEOUT or timeout is None or timeout > self.max_age:
            timeout = self.max_age
        return super().get_backend_timeout(timeout)
