"""A real redis-server on 127.0.0.1 for the fault tests, and the production cache settings to use it.

The server keeps nothing on disk (`--save '' --appendonly no`) and takes a port in the infra
range (8300-8399). Where redis-server is missing the tests that need it are skipped with one
line, except under CI (CI=true), where a missing redis-server is a failure.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.test.utils import override_settings

from tests.ports import ports_of_this_worker
from website.settings.base import RENDITIONS_CACHE
from website.settings.redis import REDIS_SETTINGS, redis_caches

REDIS_SERVER = shutil.which("redis-server", path=os.environ.get("PATH", "") + ":/usr/sbin:/usr/bin")
UNDER_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
PORTS = range(8300, 8400)


def require_redis_server():
    if REDIS_SERVER is None:
        message = "redis-server is not installed (apt-get install redis-server)"
        if UNDER_CI:
            pytest.fail(message)
        pytest.skip(message)


def _free_port():
    for port in ports_of_this_worker(PORTS):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8300-8399 for redis-server")


class RedisServer:
    """One redis-server process: stop() ends it, start() brings it back on the same port (empty),
    freeze() and thaw() send SIGSTOP and SIGCONT, as a stuck Redis or a lost network looks."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.thaw()
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)

    @contextlib.contextmanager
    def frozen(self, at_most):
        """Frozen inside the block; thawed when it ends, and at the latest after at_most seconds
        (so a request that would wait for Redis forever fails its test instead of hanging it)."""
        import threading

        self.freeze()
        timer = threading.Timer(at_most, self.thaw)
        timer.start()
        try:
            yield
        finally:
            timer.cancel()
            self.thaw()

    def settings(self, **extra):
        """override_settings with the production caches (website/settings/redis.py) on this server."""
        return override_settings(
            CACHES=redis_caches(self.url, RENDITIONS_CACHE),
            PAGE_CACHE_ENABLED=True,
            **REDIS_SETTINGS,
            **extra,
        )


@contextlib.contextmanager
def redis_server():
    require_redis_server()
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
