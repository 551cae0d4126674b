"""Security headers for every response.

Public pages get a strict Content-Security-Policy: scripts and styles only from this
site, no inline code, frames only from the privacy-enhanced video hosts. The Wagtail
admin ships inline scripts and styles, so it keeps a policy of its own.
"""

from django.conf import settings

VIDEO_FRAME_HOSTS = "https://www.youtube-nocookie.com https://player.vimeo.com"

PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        f"frame-src {VIDEO_FRAME_HOSTS}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# A page previewed in the editor's side panel: the public page's policy, but framed by the admin
# (same origin) only. Public pages keep `frame-ancestors 'none'`.
PREVIEW_POLICY = PUBLIC_POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'")

ADMIN_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        f"frame-src 'self' {VIDEO_FRAME_HOSTS}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)

# Uploaded files (/media/, Wagtail's /dokument/) and static files: nothing in them may run as the
# site. A document or image opened on its own (an SVG, an HTML file, a text file a browser might
# sniff) gets no script, no connections, no forms and no plugins, in a sandbox (a unique origin);
# inline styles only, which SVG needs. deploy/nginx/landsbygd.conf sends the same headers.
FILE_PREFIXES = ("/media/", "/dokument/", "/static/")
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = ("/admin/", "/django-admin/")

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(FILE_PREFIXES):
            file_headers(response.headers)
            return response
        is_admin = request.path.startswith(self.admin_prefixes)
        # Wagtail renders a preview through the whole middleware chain again, with a request for the
        # page's public path that it marks `is_preview` (a documented attribute).
        is_preview = getattr(request, "is_preview", False)
        policy = ADMIN_POLICY if is_admin else PREVIEW_POLICY if is_preview else PUBLIC_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY)
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if is_admin or is_preview:
            # The admin previews pages in a same-origin frame.
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response


def file_headers(headers):
    """The headers every uploaded or static file goes out with (also through WhiteNoise's
    WHITENOISE_ADD_HEADERS_FUNCTION: static files are answered before this middleware runs)."""
    headers["Content-Security-Policy"] = FILE_POLICY
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY
