"""A per-process circuit breaker in front of Redis, so an outage costs one timeout, not one per call.

Each cache call gives up after REDIS_TIMEOUT (website/settings/redis.py), but a page makes about ten
of them: with Redis frozen, every page paid 1.6–3 s. After a connection or timeout error this
process treats Redis as down for DOWN_SECONDS: the next calls fail at once (django-redis then
ignores or reports the fault as for any outage), and the first call after the pause tries Redis
again. The breaker sits in redis-py's connection class (the pool's `connection_class`, a documented
extension point), which every command passes through when it takes a connection from the pool.
"""

import logging
import threading
import time

from redis.connection import Connection, SSLConnection, UnixDomainSocketConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

DOWN_SECONDS = 5.0

_lock = threading.Lock()
_down_until = 0.0


def is_down():
    return time.monotonic() < _down_until


def mark_down():
    global _down_until
    with _lock:
        if not is_down():
            logger.warning("Redis did not answer: treated as down for %s s", DOWN_SECONDS)
        _down_until = time.monotonic() + DOWN_SECONDS


def reset():
    """Forget an outage (tests that restart Redis; an operator's shell)."""
    global _down_until
    with _lock:
        _down_until = 0.0


class BreakerMixin:
    def connect(self):
        if is_down():
            raise RedisConnectionError("Redis is treated as down after a recent fault")
        try:
            return super().connect()
        except (RedisConnectionError, RedisTimeoutError, OSError):
            mark_down()
            raise

    def send_packed_command(self, *args, **kwargs):
        try:
            return super().send_packed_command(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError, OSError):
            mark_down()
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError, OSError):
            mark_down()
            raise


class BreakerConnection(BreakerMixin, Connection):
    pass


class BreakerSSLConnection(BreakerMixin, SSLConnection):
    pass


class BreakerUnixDomainSocketConnection(BreakerMixin, UnixDomainSocketConnection):
    pass


def connection_class_for(url):
    """The breaker variant of the class redis-py would pick for this URL's scheme."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "rediss":
        return BreakerSSLConnection
    if scheme == "unix":
        return BreakerUnixDomainSocketConnection
    return BreakerConnection
