import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests import factories

home_page = factories.home_page
media_root = factories.media_root
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """The link checker reads Wagtail's reference index: its tests keep it current on every save."""
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.reference_index)


class LinkTarget(BaseHTTPRequestHandler):
    """The other sites a page links to: /ok, /saknas (404), /langsam (slower than the timeout),
    /slinga (a redirect loop), /flyttad (one redirect to /ok), /bara-get (refuses HEAD)."""

    def _answer(self):
        server = self.server
        with server.lock:
            server.requests.append((self.command, self.path, time.monotonic(), self.headers.get("Host")))
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
        try:
            path = self.path.split("?")[0]
            if path.startswith("/ok"):
                self._send(200)
            elif path == "/saknas":
                self._send(404)
            elif path.startswith("/langsam"):
                time.sleep(server.slow_seconds)
                self._send(200)
            elif path == "/slinga":
                self._send(302, location="/slinga-igen")
            elif path == "/slinga-igen":
                self._send(302, location="/slinga")
            elif path == "/flyttad":
                self._send(301, location="/ok")
            elif path == "/bara-get":
                self._send(405 if self.command == "HEAD" else 200)
            else:
                self._send(404)
        finally:
            with server.lock:
                server.in_flight -= 1

    do_GET = do_HEAD = _answer

    def _send(self, status, location=None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def link_server():
    """A real HTTP server on 127.0.0.1 (a free port) that records each request."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), LinkTarget)
    server.daemon_threads = True
    server.lock = threading.Lock()
    server.requests = []
    server.in_flight = server.max_in_flight = 0
    server.slow_seconds = 2
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def editor(db):
    return factories.UserFactory(username="redaktor", email="redaktor@example.se", groups=["Redaktörer"])
