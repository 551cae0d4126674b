"""The reader's IP address, also behind the proxies that production puts in front (TLS proxy, Varnish).

TRUSTED_PROXY_COUNT is the one setting for every per-reader limit: the comment rate limit and
the stored comment address use client_ip(), and so do allauth's login and sign-up rate limits
(accounts/adapter.py hands allauth this function).
"""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT proxies, the address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For; only the
    entries our own proxies added can be trusted, so count from the right. An entry there that is
    not an IP address (a proxy misconfigured, or none in front where one was expected) is ignored
    and logged: the socket address counts instead.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= proxies:
            ip = _valid_ip(forwarded[-proxies])
            if ip is not None:
                return ip
            logger.warning("X-Forwarded-For entry is not an IP address, ignored: %r", forwarded[-proxies][:100])
    return _valid_ip(request.META.get("REMOTE_ADDR") or "")
