"""The portal's cache backends.

`ResilientRedisCache` is the shared cache (Redis). The cache is an optimisation, so a Redis
that is down must cost a page nothing but the misses:

- Short socket timeouts, and a circuit breaker (portal.breaker): the first failure makes
  every call of the process take its fallback at once for a few seconds, then one call
  probes. A dead Redis costs at most one short timeout per process per window.
- Fallbacks: a read misses, a write does nothing, `incr` finds no key. Callers need no
  `try`: `get_or_set` computes the value from the database, as on any miss.
- Counters (keys starting with one of OPTIONS["COUNTER_PREFIXES"]: the rate limits of
  allauth and django-ratelimit) move to a per-process memory while Redis is down, so a
  limit still holds, per process, instead of refusing everybody (a counter that cannot be
  read fails closed) or nobody.
- Nothing stale after the outage: an invalidation that could not reach Redis (a delete, or
  a write without expiry, which is a marker such as the catalogue version, not a copy) is
  remembered and repeated before the process uses Redis again. Copies written with an
  expiry simply expire.

`ShortLivedLocMemCache` is a per-process cache whose entries live at most MAX_AGE seconds,
whatever they ask for: for small, rarely changed data read on every request (the cookie
groups of the consent banner), a process-local copy saves the shared cache's round trips,
and the short cap bounds how long another process may show a copy that admin has changed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar, cast

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from portal.breaker import breaker_for

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)
# Invalidations remembered per process while Redis is down; beyond this many, the oldest
# are dropped (their entries expire on their own, or the version they mark is re-seeded).
FORGET_LIMIT = 10_000

T = TypeVar("T")
logger = logging.getLogger(__name__)


def cached(key: str, compute: Callable[[], T], *, timeout: float | None) -> T:
    """Return the shared cache's value of `key`; on a miss, compute it and store it.

    Django's `cache.get_or_set`, typed: it answers None only when `compute` does.
    """
    return cast(T, cache.get_or_set(key, compute, timeout=timeout))


def forget_on_commit(*keys: str) -> None:
    """Delete these cached entries once the current transaction commits (at once outside one).

    A cache that is down has nothing to forget: its entries expire.
    """

    def forget() -> None:
        try:
            cache.delete_many(keys)
        except Exception:
            logger.warning("Cache unavailable: %s not deleted", keys, exc_info=True)

    if keys:
        transaction.on_commit(forget)


_forget_lock = threading.Lock()
_to_forget: dict[str, dict[str, None]] = {}  # location -> keys (ordered, as a set)


def _remember(location: str, keys: Iterable[str]) -> None:
    with _forget_lock:
        pending = _to_forget.setdefault(location, {})
        for key in keys:
            pending.pop(key, None)
            pending[key] = None
        while len(pending) > FORGET_LIMIT:
            pending.pop(next(iter(pending)))


def _take_forgotten(location: str) -> list[str]:
    with _forget_lock:
        pending = _to_forget.pop(location, None)
    return list(pending or ())


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, but one `redis.Redis` per connection pool instead of a new one for
    every call: building it cost as much as a round trip to Redis, on every cache read of
    every page. A Redis object over a shared pool is safe to share between threads."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # Django's own
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.counter_prefixes = tuple(options.pop("COUNTER_PREFIXES", ()))
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        # One immediate retry on a broken connection: after Redis restarts, the pool's
        # old connections fail once before a new one is made. Never on a timeout.
        options.setdefault("retry", Retry(NoBackoff(), 1, (RedisConnectionError,)))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self._location = self._servers[0]  # type: ignore[attr-defined]  # set by RedisCache
        self._breaker = breaker_for(self._location)
        # Instances of a LocMemCache name share one store: one per process and server.
        self._local = LocMemCache(f"portal-counters:{self._location}", {})

    # --- the guard -------------------------------------------------------------------------

    def _guarded(self, call: Callable, fallback: Callable, forget: Iterable[str] = ()):
        """Run `call` against Redis, or `fallback` while Redis is known to be down.

        `forget` names the (made) keys this call invalidates: if it cannot reach Redis,
        they are deleted once Redis is back.
        """
        breaker = self._breaker
        if not breaker.allows():
            _remember(self._location, forget)
            return fallback()
        try:
            if breaker.is_open:  # this caller probes, before trusting what Redis holds
                # RedisCache._cache is a cached_property the stubs do not declare.
                self._cache.get_client(write=True).ping()  # type: ignore[attr-defined]
                breaker.succeeded()
            if self._location in _to_forget:
                self._forget_now()
            result = call()
        except REDIS_DOWN as error:
            breaker.failed(error)
            _remember(self._location, forget)
            return fallback()
        return result

    def _forget_now(self) -> None:
        keys = _take_forgotten(self._location)
        if keys:
            try:
                self._cache.delete_many(keys)  # type: ignore[attr-defined]  # as above
            except REDIS_DOWN:
                _remember(self._location, keys)
                raise

    def _is_counter(self, key: str) -> bool:
        return bool(self.counter_prefixes) and key.startswith(self.counter_prefixes)

    def _counter_or(self, key: str, counter: Callable, default):
        """Return the fallback of a one-key call: the local counter's answer, or `default`."""
        if self._is_counter(key):
            return counter
        return lambda: default

    # --- the cache API ----------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        local = self._local
        return self._guarded(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version),
            self._counter_or(key, lambda: local.add(key, value, timeout, version), False),
        )

    def get(self, key, default=None, version=None):
        local = self._local
        return self._guarded(
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            self._counter_or(key, lambda: local.get(key, default, version), default),
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        local = self._local
        marker = self.get_backend_timeout(timeout) is None
        self._guarded(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version),
            self._counter_or(key, lambda: local.set(key, value, timeout, version), None),
            forget=[self.make_and_validate_key(key, version=version)] if marker else (),
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version), lambda: False
        )

    def delete(self, key, version=None):
        local = self._local
        return self._guarded(
            lambda: super(ResilientRedisCache, self).delete(key, version),
            self._counter_or(key, lambda: local.delete(key, version), False),
            forget=[self.make_and_validate_key(key, version=version)],
        )

    def get_many(self, keys, version=None):
        return self._guarded(
            lambda: super(ResilientRedisCache, self).get_many(keys, version), lambda: {}
        )

    def has_key(self, key, version=None):
        return self._guarded(
            lambda: super(ResilientRedisCache, self).has_key(key, version), lambda: False
        )

    def incr(self, key, delta=1, version=None):
        local = self._local

        def missing():
            raise ValueError(f"Key '{key}' not found.")

        fallback = lambda: local.incr(key, delta, version)  # noqa: E731
        return self._guarded(
            lambda: super(ResilientRedisCache, self).incr(key, delta, version),
            fallback if self._is_counter(key) else missing,
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        marker = self.get_backend_timeout(timeout) is None
        keys = [self.make_and_validate_key(k, version=version) for k in data] if marker else ()
        return self._guarded(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            lambda: [],
            forget=keys,
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._guarded(
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            lambda: None,
            forget=[self.make_and_validate_key(k, version=version) for k in keys],
        )

    def clear(self):
        return self._guarded(lambda: super(ResilientRedisCache, self).clear(), lambda: False)


class ShortLivedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self.max_age = int(params.get("OPTIONS", {}).get("MAX_AGE", 60))

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        if timeout is DEFAULT_TIMEOUT or timeout is None or timeout > self.max_age:
            timeout = self.max_age
        return super().get_backend_timeout(timeout)
