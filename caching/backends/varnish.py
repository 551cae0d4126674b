"""Varnish with xkey (Debian's varnish-modules): one PURGE with an `xkey-purge` header softpurges
every object that carries one of its tags (deploy/varnish/default.vcl); split only to keep each
header below Varnish's size limit.
"""

import logging
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)

# Varnish refuses request headers over http_req_hdr_len (8 KiB by default).
MAX_HEADER = 6000
TIMEOUT_SECONDS = 2


def _batches(names):
    batch, size = [], 0
    for name in names:
        if batch and size + len(name) + 1 > MAX_HEADER:
            yield batch
            batch, size = [], 0
        batch.append(name)
        size += len(name) + 1
    if batch:
        yield batch


class VarnishBackend:
    def __init__(self, location=None, secret=None):
        self.location = (location or settings.VARNISH_URL).rstrip("/")
        self.secret = secret if secret is not None else getattr(settings, "VARNISH_PURGE_SECRET", "")

    def __str__(self):
        return f"Varnish at {self.location}"

    def purge_tags(self, names):
        for batch in _batches(names):
            headers = {"xkey-purge": " ".join(batch)}
            if self.secret:
                headers["X-Purge-Secret"] = self.secret
            request = urllib.request.Request(self.location + "/", method="PURGE", headers=headers)  # noqa: S310
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - our own URL
                response.read()
        logger.debug("Purged %d tags from %s", len(names), self)
