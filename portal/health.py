"""Checks behind /healthz: each returns whether its component answers.

The public answer says only which component fails: an error text can name hosts, ports,
users and versions, which is for the operator's log, not for whoever asks the URL.
"""

import logging

import redis
from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    """Return whether the database answers; log why not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means "not healthy"; the log says which
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False
    return True


def broker_ok() -> bool:
    """Return whether the Redis broker answers (no broker when tasks run inline); log why not."""
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return True
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            client.ping()
        finally:
            client.close()
    except redis.RedisError:
        logger.warning("Health check: the broker does not answer", exc_info=True)
        return False
    return True
