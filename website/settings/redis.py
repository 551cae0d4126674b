"""The shared cache in production: Redis through django-redis, where a fault is never a 500.

Two aliases on the same Redis (and the same connection pool):

- "default", for Wagtail, allauth and any other library (Wagtail's site root paths, allauth's
  login rate limits): a Redis fault is a cache miss (IGNORE_EXCEPTIONS), logged by django-redis.
- "shared", for the project's own callers, which decide themselves what an outage means and so
  must see it: the page cache and its tag versions (caching/pagecache.py, caching/versions.py)
  and the comment rate limit (discussion/views.py).

A frozen Redis (a stuck process, a lost network) answers nothing: every call gives up after
REDIS_TIMEOUT seconds, to connect or to read, instead of holding the worker as long as it lasts,
and after one such fault the process treats Redis as down for a few seconds
(website/redis_breaker.py), so a page pays at most one timeout instead of one per cache call.
"""

from website.redis_breaker import connection_class_for

REDIS_TIMEOUT = 0.25


def redis_caches(url, renditions, timeout=REDIS_TIMEOUT):
    options = {
        "CLIENT_CLASS": "django_redis.client.DefaultClient",
        "SOCKET_CONNECT_TIMEOUT": timeout,
        "SOCKET_TIMEOUT": timeout,
        "CONNECTION_POOL_KWARGS": {"connection_class": connection_class_for(url)},
    }
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {**options, "IGNORE_EXCEPTIONS": True},
        },
        "shared": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": options,
        },
        "renditions": renditions,
    }


# Settings that go with redis_caches (production.py and the fault tests use both).
REDIS_SETTINGS = {
    "SHARED_CACHE_ALIAS": "shared",
    "PAGE_CACHE_ALIAS": "shared",
    "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS": True,
    "DJANGO_REDIS_LOGGER": "django_redis",
}
