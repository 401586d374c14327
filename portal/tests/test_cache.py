"""The shared cache without Redis: misses, no errors, one try per window, nothing stale after.

Every test plays the outage on a Redis server of its own (portal.tests.redis_server), or on a
socket that accepts connections and counts them (a "Redis" that never answers properly).
"""

import socket
import threading
import time

import pytest
import redis

from portal.breaker import breaker_for
from portal.cache import ResilientRedisCache
from portal.tests.redis_server import PrivateRedis

WINDOW = 0.3  # REDIS_BREAKER_SECONDS in these tests


@pytest.fixture(autouse=True)
def _short_window(settings):
    settings.REDIS_BREAKER_SECONDS = WINDOW


@pytest.fixture
def server():
    private = PrivateRedis()
    private.start()
    yield private
    private.stop()


def _cache(url: str) -> ResilientRedisCache:
    return ResilientRedisCache(
        url, {"KEY_PREFIX": "t", "OPTIONS": {"COUNTER_PREFIXES": ("rl:", "allauth:rl:")}}
    )


class CountingListener:
    """A TCP port that accepts connections, counts them and hangs up at once."""

    def __init__(self):
        self.connections = 0
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.1)
        self.port = self._socket.getsockname()[1]
        self._running = True
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while self._running:
            try:
                connection, _address = self._socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self._running = False
        self._thread.join()
        self._socket.close()


@pytest.fixture
def listener():
    counting = CountingListener()
    yield counting
    counting.close()


def test_with_redis_up_it_is_the_shared_redis_cache(server):
    cache = _cache(server.url())

    cache.set("a", {"n": 1}, 30)
    cache.set_many({"b": 2, "c": 3}, 30)

    assert cache.get("a") == {"n": 1}
    assert cache.get_many(["b", "c", "missing"]) == {"b": 2, "c": 3}
    assert cache.incr("b") == 3
    assert redis.Redis(port=server.port).exists("t:1:a") == 1  # really in Redis


def test_with_redis_stopped_reads_miss_and_writes_do_nothing(server):
    cache = _cache(server.url())
    cache.set("a", 1, 30)
    server.stop()
    computed = []

    assert cache.get("a", "default") == "default"
    assert cache.get_many(["a"]) == {}
    assert cache.has_key("a") is False
    assert cache.add("a", 2) is False
    assert cache.set("a", 2) is None
    assert cache.set_many({"a": 2}) == []
    assert cache.delete("a") is False
    assert cache.delete_many(["a"]) is None
    assert cache.get_or_set("policy", lambda: computed.append(1) or 7) == 7
    assert cache.get_or_set("policy", lambda: computed.append(1) or 7) == 7
    assert computed == [1, 1]  # from the database each time, as on a miss
    with pytest.raises(ValueError, match="not found"):
        cache.incr("a")


def test_a_frozen_redis_costs_one_timeout_then_the_breaker_answers(server):
    cache = _cache(server.url())
    cache.set("a", 1, 30)
    server.pause()  # accepts connections, never answers: the read times out

    assert cache.get("a") is None
    assert breaker_for(server.url()).is_open
    assert [cache.get("a") for _ in range(100)] == [None] * 100
    server.resume()


def test_a_dead_redis_is_tried_once_per_window_not_once_per_call(listener):
    cache = _cache(f"redis://127.0.0.1:{listener.port}/0")

    for _ in range(50):
        assert cache.get("a") is None
    tried_in_first_window = listener.connections
    time.sleep(WINDOW * 1.5)
    for _ in range(50):
        assert cache.get("a") is None

    assert 1 <= tried_in_first_window <= 2  # one call (and its one retry on a broken link)
    assert listener.connections <= 2 * tried_in_first_window  # then one probe


def test_rate_limit_counters_keep_counting_in_the_process_while_redis_is_down(server):
    cache = _cache(server.url())
    server.stop()

    assert cache.add("rl:support.ip", 0, 60) is True
    assert cache.incr("rl:support.ip") == 1
    assert cache.incr("rl:support.ip") == 2
    assert cache.add("allauth:rl:login:lock", True, 10) is True
    assert cache.add("allauth:rl:login:lock", True, 10) is False  # the lock holds
    assert cache.add("listings:something", 1) is False  # not a counter: nothing kept


def test_an_invalidation_lost_in_an_outage_is_made_once_redis_is_back(server):
    cache = _cache(server.url())
    cache.set_many({"unread:7": 3, "kept": "untouched"}, 300)
    cache.set("catalogue-version", 1, timeout=None)
    server.stop(keep_data=True)

    cache.delete("unread:7")  # a new message: the count must be read again
    cache.set("catalogue-version", 2, timeout=None)  # a listing changed: pages are stale
    server.start()  # back, with what it held
    time.sleep(WINDOW * 1.5)

    assert cache.get_many(["unread:7", "catalogue-version", "kept"]) == {"kept": "untouched"}
    assert not breaker_for(server.url()).is_open


def test_a_copy_written_during_the_outage_is_not_forgotten_later(server):
    cache = _cache(server.url())
    server.pause()
    cache.set("card:1", "<li>", 300)  # a copy with an expiry: nothing to repair
    server.resume()
    time.sleep(WINDOW * 1.5)
    cache.set("card:1", "<li>fresh", 300)

    assert cache.get("card:1") == "<li>fresh"
