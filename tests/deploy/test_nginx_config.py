"""The shipped TLS proxy (deploy/nginx/landsbygd.conf), checked with `nginx -t` and then run for
real on 127.0.0.1 in front of a stand-in for Varnish that records what reaches it.

Where nginx is missing these tests are skipped, except under CI (CI=true), where it is a failure.
"""

import contextlib
import http.client
import http.server
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.ports import ports_of_this_worker
from website.middleware import FILE_POLICY

CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "landsbygd.conf"
NGINX = shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin")
UNDER_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
HOST = "landsbygd.example.se"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>'


def _ports(count):
    found = []
    for port in ports_of_this_worker(range(8350, 8400)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    raise RuntimeError("no free ports in 8350-8399")


class Upstream(http.server.ThreadingHTTPServer):
    """Stands in for Varnish: answers 200 and records each request's method, path, headers and body."""

    daemon_threads = True

    def __init__(self, port):
        self.seen = []
        self.started = []  # (method, path) as soon as the request line and headers arrive

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(handler):
                self.started.append((handler.command, handler.path))
                length = int(handler.headers.get("Content-Length") or 0)
                body = handler.rfile.read(length) if length else b""
                self.seen.append((handler.command, handler.path, dict(handler.headers), body))
                handler.send_response(200)
                handler.send_header("Content-Length", "2")
                handler.end_headers()
                handler.wfile.write(b"ok")

            do_GET = do_POST = do_PURGE = do_HEAD = _answer

            def log_message(handler, *args):
                pass

        super().__init__(("127.0.0.1", port), Handler)


@pytest.fixture(scope="module")
def proxy():
    if NGINX is None:
        message = "nginx is not installed (apt-get install nginx-light)"
        if UNDER_CI:
            pytest.fail(message)
        pytest.skip(message)
    https_port, http_port, upstream_port = _ports(3)
    work = Path(tempfile.mkdtemp(prefix="nginx-infra-"))
    media = work / "media"
    (media / "documents").mkdir(parents=True)
    (media / "karta.svg").write_bytes(SVG)
    (media / "documents" / "hemlig.pdf").write_bytes(b"%PDF-1.4")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
         "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (
        CONF.read_text()
        .replace("/etc/letsencrypt/live/landsbygd.example.se/fullchain.pem", str(work / "cert.pem"))
        .replace("/etc/letsencrypt/live/landsbygd.example.se/privkey.pem", str(work / "key.pem"))
        .replace("/srv/landsbygd/media/", f"{media}/")
        .replace("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")
        .replace("listen [::]:443 ssl http2;", "")
        .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("listen [::]:80;", "")
        .replace("server 127.0.0.1:8080;", f"server 127.0.0.1:{upstream_port};")
    )
    (work / "site.conf").write_text(site)
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"{user}\nworker_processes 1;\npid {work}/nginx.pid;\nevents {{}}\nhttp {{\n"
        f"include /etc/nginx/mime.types;\naccess_log off;\nclient_body_temp_path {work}/body;\n"
        f"proxy_temp_path {work}/proxy;\ninclude {work}/site.conf;\n}}\n"
    )
    command = [NGINX, "-p", str(work), "-e", str(work / "error.log"), "-c", str(work / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    upstream = Upstream(upstream_port)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", https_port), timeout=0.5):
            break
        time.sleep(0.05)
    try:
        yield {"check": checked, "port": https_port, "upstream": upstream}
    finally:
        process.terminate()
        process.wait(timeout=10)
        upstream.shutdown()
        shutil.rmtree(work, ignore_errors=True)


def _connection(proxy):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return http.client.HTTPSConnection("127.0.0.1", proxy["port"], context=context, timeout=10)


def _request(proxy, method, path, body=None, headers=None):
    connection = _connection(proxy)
    connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_the_config_passes_nginx_t(proxy):
    assert proxy["check"].returncode == 0, proxy["check"].stderr


def test_uploaded_files_are_served_sandboxed(proxy):
    response = _request(proxy, "GET", "/media/karta.svg")
    assert response.status == 200
    assert response.getheader("Content-Security-Policy") == FILE_POLICY
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert _request(proxy, "GET", "/media/documents/hemlig.pdf").status == 404


def test_a_purge_from_outside_never_reaches_varnish_but_a_get_does(proxy):
    seen = proxy["upstream"].seen
    seen.clear()
    assert _request(proxy, "PURGE", "/", headers={"xkey-purge": "all", "X-Purge-Secret": "gissat"}).status == 405
    assert seen == []
    response = _request(
        proxy, "GET", "/blogg/", headers={"X-Purge-Secret": "gissat", "X-Forwarded-For": "10.0.0.1, 10.0.0.2"}
    )
    assert response.status == 200
    [(method, path, headers, _body)] = seen
    assert (method, path) == ("GET", "/blogg/")
    assert headers["Host"] == HOST and headers["X-Forwarded-Proto"] == "https"
    assert headers["X-Forwarded-For"] == "127.0.0.1"  # what nginx saw; the reader's entries are dropped
    assert "X-Purge-Secret" not in headers


def test_a_body_over_the_limit_is_refused_and_one_within_passes(proxy):
    seen = proxy["upstream"].seen
    seen.clear()
    assert _request(proxy, "POST", "/kommentarer/skicka/", body=b"x" * (21 * 1024 * 1024)).status == 413
    assert seen == []
    assert _request(proxy, "POST", "/kommentarer/skicka/", body=b"x" * 1024).status == 200
    assert [(method, len(body)) for method, _path, _headers, body in seen] == [("POST", 1024)]


def test_a_slow_upload_is_buffered_and_holds_no_worker(proxy):
    seen, started = proxy["upstream"].seen, proxy["upstream"].started
    seen.clear()
    started.clear()
    slow = _connection(proxy)
    slow.putrequest("POST", "/admin/images/add/", skip_host=True)
    slow.putheader("Host", HOST)
    slow.putheader("Content-Length", "4096")
    slow.endheaders()
    slow.send(b"x" * 1024)  # a quarter of the body, then the client stalls
    time.sleep(0.5)
    assert started == []  # nothing reached Varnish or the app while the body is still coming
    started = time.monotonic()
    assert _request(proxy, "GET", "/").status == 200
    assert time.monotonic() - started < 2
    slow.send(b"x" * 3072)
    assert slow.getresponse().status == 200
    slow.close()
    assert [(method, len(body)) for method, _path, _headers, body in seen] == [("GET", 0), ("POST", 4096)]
