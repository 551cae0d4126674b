"""Through a real Varnish with deploy/varnish/default.vcl: pages carry their tags (xkey), a change
sends one tag purge, and the next anonymous request through Varnish shows it.

Varnish (Debian's `varnish` and `varnish-modules`) listens on a port in the cache range (8500-8599)
in front of the test's live server; skipped where varnishd is missing, a failure under CI.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from caching import invalidation
from tests.factories import StandardPageFactory, publish
from tests.ports import ports_of_this_worker

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd", path=os.environ.get("PATH", "") + ":/usr/sbin")
SECRET = "varnish-test-secret"
UNDER_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _free_port():
    for port in ports_of_this_worker(range(8500, 8600)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8500-8599 for varnishd")


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own Varnish
        return response.status, dict(response.headers), response.read().decode()


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    if VARNISHD is None:
        message = "varnishd is not installed (apt-get install varnish varnish-modules)"
        if UNDER_CI:
            pytest.fail(message)
        pytest.skip(message)
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = tmp_path / "default.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port = _free_port()
    process = subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-a", f"127.0.0.1:{port}"]
        + ["-f", str(vcl), "-s", "malloc,32m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "VARNISH_PURGE_SECRET": SECRET},
    )
    url = f"http://127.0.0.1:{port}"
    settings.VARNISH_URL = url
    settings.VARNISH_PURGE_SECRET = SECRET
    settings.CACHE_TAG_FRONTENDS = ["caching.backends.varnish.VarnishBackend"]
    invalidation.frontends.cache_clear()
    try:
        deadline = time.time() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        invalidation.frontends.cache_clear()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_is_purged_from_varnish_by_its_tags(varnish, home_page):
    # Below a section: a change of a section (a child of the home page) outdates the menu on every page.
    section = publish(StandardPageFactory(parent=home_page, title="Avdelning", slug="avdelning"))
    page = publish(StandardPageFactory(parent=section, title="Före ändringen", slug="om-varnish"))
    other = publish(StandardPageFactory(parent=home_page, title="En annan sida", slug="annan"))
    for path in ("/avdelning/om-varnish/", "/annan/"):
        fetch(varnish + path)
        status, headers, body = fetch(varnish + path)
        assert status == 200 and headers["X-Cache"] == "HIT", path
        assert "xkey" not in {name.lower() for name in headers}, "readers do not see the tags"

    page.title = "Efter ändringen"
    publish(page)

    status, headers, body = fetch(varnish + "/avdelning/om-varnish/")
    assert headers["X-Cache"] == "MISS"
    assert "Efter ändringen" in body
    # The positive twin: a page that shows nothing of it stays in Varnish.
    assert fetch(varnish + "/annan/")[1]["X-Cache"] == "HIT"
    assert other.title in fetch(varnish + "/annan/")[2]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_purge_needs_the_secret_and_tags(varnish):
    for headers, status in (
        ({"xkey-purge": "wagtailcore.page:1"}, 403),
        ({"X-Purge-Secret": SECRET}, 400),
    ):
        request = urllib.request.Request(varnish + "/", method="PURGE", headers=headers)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)  # noqa: S310
        assert refused.value.code == status, headers
    headers = {"xkey-purge": "wagtailcore.page:1", "X-Purge-Secret": SECRET}
    request = urllib.request.Request(varnish + "/", method="PURGE", headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        assert response.status == 200
