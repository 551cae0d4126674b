"""The reader's IP address, also behind the proxies that production puts in front (TLS proxy, Varnish)."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT proxies, the address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For; only the
    entries our own proxies added can be trusted, so count from the right.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
