"""The one list of paths that are never cached, by the app's page cache or by Varnish.

deploy/varnish/default.vcl passes the same prefixes (its comment quotes this list; a test checks
they agree). Everything else is cacheable for anonymous readers when the response allows it.
"""

NEVER_CACHE_PREFIXES = ("/admin/", "/django-admin/", "/konto/", "/dokument/")
# Served by whitenoise or the proxy, with their own long-lived caching; never tagged.
STATIC_PREFIXES = ("/static/", "/media/")


def never_cached(path):
    return path.startswith(NEVER_CACHE_PREFIXES) or path.startswith(STATIC_PREFIXES)
