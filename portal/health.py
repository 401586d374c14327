"""Checks behind /healthz: each returns None when the service answers, else the error."""

import redis
from django.conf import settings
from django.db import connection


def database_error() -> str | None:
    """Return why the database does not answer, or None."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any failure means "not healthy"; the text says which
        return f"{type(exc).__name__}: {exc}"
    return None


def broker_error() -> str | None:
    """Return why the Redis broker does not answer, or None (no broker when tasks run inline)."""
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return None
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            client.ping()
        finally:
            client.close()
    except redis.RedisError as exc:
        return f"Redis unreachable: {exc}"
    return None
