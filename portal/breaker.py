"""A circuit breaker per Redis server, shared by the cache and the Celery broker of a process.

Why: with Redis down, every cache read and every task published would wait for its own
connection attempt; a page does dozens of those, so a dead Redis would cost seconds per
request, and a Redis that drops packets instead of refusing them would cost a timeout each.
The first failure opens the breaker: for REDIS_BREAKER_SECONDS every caller in the process
takes its fallback at once (a cache miss, an outbox row left for the drain) without
touching the network. Then one caller probes; the others keep their fallback until it
answers. The cache and the broker are the same Redis in production, so they share the
breaker of its address: an outage seen by one is known to the other.

State is per process and deliberately not shared (there is nowhere to share it while Redis
is down); each process pays at most one short timeout per window.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT_OPEN_SECONDS = 5.0


class Breaker:
    """Open (callers take their fallback) for a while after a failure; closed otherwise."""

    def __init__(self, name: str):
        self.name = name
        self._open_until = 0.0
        self._failing = False  # an outage is under way (logged once, until it ends)
        self._probe = threading.Lock()

    def allows(self) -> bool:
        """Return whether a caller may use the server now (closed, or this caller probes).

        While open, every caller is refused. Once the window has passed, exactly one caller
        at a time is let through to probe; `succeeded` or `failed` ends the probe.
        """
        if not self._failing:
            return True
        if time.monotonic() < self._open_until:
            return False
        return self._probe.acquire(blocking=False)

    @property
    def is_open(self) -> bool:
        return self._failing

    def failed(self, error: BaseException) -> None:
        """Record a failure: refuse callers for the next window."""
        seconds = float(getattr(settings, "REDIS_BREAKER_SECONDS", DEFAULT_OPEN_SECONDS))
        self._open_until = time.monotonic() + seconds
        if not self._failing:
            self._failing = True
            logger.warning(
                "Redis at %s is unreachable (%s: %s); working without it, next try in %ss.",
                self.name,
                type(error).__name__,
                error,
                seconds,
            )
        self._release_probe()

    def succeeded(self) -> bool:
        """Record a success; return True if it ended an outage."""
        if not self._failing:
            return False
        self._failing = False
        self._open_until = 0.0
        self._release_probe()
        logger.warning("Redis at %s answers again.", self.name)
        return True

    def _release_probe(self) -> None:
        if self._probe.locked():
            with contextlib.suppress(RuntimeError):  # released by another thread meanwhile
                self._probe.release()


_breakers: dict[str, Breaker] = {}
_lock = threading.Lock()


def server_name(url: str) -> str:
    """Return host:port of a redis:// URL (the database number does not matter)."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 6379}"


def breaker_for(url: str) -> Breaker:
    """Return the process's breaker of the Redis server at `url`."""
    name = server_name(url)
    with _lock:
        breaker = _breakers.get(name)
        if breaker is None:
            breaker = _breakers[name] = Breaker(name)
        return breaker


def breakers_reset() -> None:
    """Close every breaker of the process (tests: each starts knowing nothing)."""
    with _lock:
        for breaker in _breakers.values():
            breaker._failing, breaker._open_until = False, 0.0
            breaker._release_probe()
