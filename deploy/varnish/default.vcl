vcl 4.1;

import xkey;

# Varnish in front of gunicorn: caches anonymous readers' pages, passes logged-in readers and
# the admin, and forgets pages by cache tag. Each response names the tags of what it shows in its
# `xkey` header (caching/pagecache.py); a change sends one `PURGE` with an `xkey-purge` header
# listing the tags it changed (caching/backends/varnish.py), and every object carrying one of
# them goes, whatever its URL, host or query string. Needs Debian's varnish-modules (vmod xkey).
# `make serve-cached` starts it on 127.0.0.1:8080.
#
# Never cached (caching/paths.py NEVER_CACHE_PREFIXES, the one list the app reads; a test
# checks that the pass rule below names the same prefixes):
#   /admin/ /django-admin/ /konto/ /dokument/

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

import std;

sub vcl_recv {
    if (req.method == "PURGE") {
        # Only the app knows VARNISH_PURGE_SECRET (in varnishd's environment and the app's): the
        # address alone is not enough, since the TLS proxy on this host connects from it too
        # (deploy/nginx/landsbygd.conf also refuses PURGE from readers). Unset: the address only.
        if (std.getenv("VARNISH_PURGE_SECRET") != "" && req.http.X-Purge-Secret != std.getenv("VARNISH_PURGE_SECRET")) {
            return (synth(403, "Not allowed"));
        }
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the tags in an xkey-purge header"));
        }
        # A hard purge: the next request fetches the page anew (a soft purge would let grace
        # serve the old one once more).
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|konto|dokument)/") {
        return (pass);
    }
    # Static files are hashed and immutable: cache them whatever the cookies.
    if (req.url ~ "^/(static|media)/") {
        unset req.http.Cookie;
        return (hash);
    }
    # A session or a pending message makes the page personal.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Vary: Cookie is moot here: anonymous requests reach the cache with no Cookie header.
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsub(regsub(beresp.http.Vary, "(?i)(^|,\s*)Cookie", ""), "^,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    return (deliver);
}

sub vcl_deliver {
    # The tags are for Varnish; readers need not see what the page was built from.
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
