"""Test settings: fast hashing, plain static storage, Django's outbox for email."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Background tasks run at once, so a test reads the outbox right after the request that queued mail.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "email"]},
}
# One folder per pytest-xdist worker (`make test` runs two), so workers never share uploaded files.
MEDIA_ROOT = BASE_DIR / "media-test" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# Every test Client builds its own middleware, and WhiteNoise would list and stat each collected
# static file there (a quarter of a second per client once staticfiles/ exists): look files up per
# request instead, as in development. Static responses and their headers are unchanged.
WHITENOISE_AUTOREFRESH = True

# Tests that build data through the ORM would see stale pages; the cache tests switch it on.
PAGE_CACHE_ENABLED = False

# The link-check tests run their own HTTP server on 127.0.0.1 (tests/linkcheck/).
LINKCHECK_CHECK_PRIVATE_ADDRESSES = True
LINKCHECK_TIMEOUT = 1
LINKCHECK_HOST_INTERVAL = 0
