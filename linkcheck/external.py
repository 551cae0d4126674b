"""Checking links to other sites: with a timeout, a pause between requests to one host, and a
bounded number of hosts at once. Runs in the nightly command or the task worker, never in a request.

HTTP through `requests` (already installed with Wagtail, pinned in requirements.txt): redirects
followed up to a limit, HEAD first and GET when a server refuses HEAD.
"""

import ipaddress
import socket
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

USER_AGENT = "Landsbygd-lankkontroll/1.0 (+{base})"
MAX_REDIRECTS = 10


def timeout():
    return float(getattr(settings, "LINKCHECK_TIMEOUT", 10))


def host_interval():
    """Seconds between two requests to one host."""
    return float(getattr(settings, "LINKCHECK_HOST_INTERVAL", 1.0))


def max_workers():
    """Hosts checked at once."""
    return int(getattr(settings, "LINKCHECK_MAX_WORKERS", 4))


def check_private_addresses():
    """Whether to follow links to loopback and private networks (the tests' local server); off in production."""
    return bool(getattr(settings, "LINKCHECK_CHECK_PRIVATE_ADDRESSES", False))


@dataclass(frozen=True)
class Result:
    ok: bool
    status_code: int | None = None
    reason: str = ""
    checked: bool = True  # False: not asked (a private address), neither broken nor fine


def _is_private(host):
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False  # the request itself will report that the name does not resolve
    return any(not ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses)


def _request(session, url):
    response = session.head(url, allow_redirects=True, timeout=timeout())
    if response.status_code >= 400:
        # Some servers answer HEAD with 403, 404 or 405 but GET with the page: ask again properly.
        response.close()
        response = session.get(url, allow_redirects=True, timeout=timeout(), stream=True)
    response.close()
    return response


def check_url(session, url):
    host = urlsplit(url).hostname
    if not host:
        return Result(False, reason=_("Ogiltig adress"))
    if not check_private_addresses() and _is_private(host):
        return Result(True, checked=False)
    try:
        response = _request(session, url)
    except requests.TooManyRedirects:
        return Result(False, reason=_("För många omdirigeringar (omdirigeringsslinga)"))
    except requests.Timeout:
        seconds = timeout()
        reason = ngettext("Inget svar inom %(seconds)s sekund", "Inget svar inom %(seconds)s sekunder", seconds)
        return Result(False, reason=reason % {"seconds": f"{seconds:g}"})
    except requests.exceptions.SSLError:
        return Result(False, reason=_("Certifikatet kunde inte verifieras"))
    except requests.ConnectionError:
        return Result(False, reason=_("Kunde inte ansluta till servern"))
    except requests.RequestException:
        return Result(False, reason=_("Ogiltig adress"))
    if response.status_code >= 400:
        return Result(
            False,
            response.status_code,
            _("Servern svarade %(code)s %(phrase)s") % {"code": response.status_code, "phrase": response.reason or ""},
        )
    return Result(True, response.status_code)


def _session():
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    session.headers["User-Agent"] = USER_AGENT.format(base=getattr(settings, "WAGTAILADMIN_BASE_URL", ""))
    return session


def check_urls(urls):
    """{url: Result} for every address, each asked once. One worker per host asks that host's
    addresses in turn with `host_interval()` between them; at most `max_workers()` hosts at once."""
    by_host = defaultdict(list)
    for url in dict.fromkeys(urls):
        by_host[urlsplit(url).hostname or ""].append(url)
    results = {}
    lock = threading.Lock()

    def work(host_urls):
        with _session() as session:
            for number, url in enumerate(host_urls):
                if number:
                    time.sleep(host_interval())
                result = check_url(session, url)
                with lock:
                    results[url] = result

    with ThreadPoolExecutor(max_workers=max(1, max_workers())) as pool:
        for future in [pool.submit(work, host_urls) for host_urls in by_host.values()]:
            future.result()
    return results
