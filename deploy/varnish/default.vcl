vcl 4.1;

# Varnish in front of gunicorn: caches anonymous readers' pages, passes logged-in readers and
# the admin, and takes purges only from the app (Wagtail's frontend cache invalidation sends
# PURGE <path> with the page's Host). `make serve-cached` starts it on 127.0.0.1:8080.

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
        if (req.url == "/*") {
            # A change every page shows (the main menu, the site's settings): everything goes.
            ban("obj.http.x-path ~ .");
            return (synth(200, "Purged"));
        }
        # One purge covers every query string (?sida=2, ?tagg=...) and every host name of the path,
        # as the app's own cache does: the Site's host name need not be the one readers used.
        ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|konto)/") {
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
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
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
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
