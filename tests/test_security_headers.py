"""Security headers on every public page, and the production settings that guard cookies and transport.

The production checks run in a subprocess: production settings read the environment at
import time, which a running test process cannot redo. That production refuses to start
without its variables is tested in tests/website/test_production_settings.py.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.public_pages import PUBLIC_PAGES, page_ids

BASE_DIR = Path(__file__).resolve().parent.parent
VIDEO_HOSTS = {"https://www.youtube-nocookie.com", "https://player.vimeo.com"}
# A plain GET of each page; the states reached by clicking are the browser tests' business.
PAGES = [entry for entry in PUBLIC_PAGES if not entry.action]


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.parametrize("public_page", PAGES, ids=page_ids(PAGES))
def test_public_page_sends_strict_security_headers(demo_site, client, public_page):
    response = client.get(public_page.path)
    assert response.status_code == public_page.status

    csp = parse_csp(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] in (["'self'"], ["'none'"])
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert set(csp["frame-src"]) <= VIDEO_HOSTS

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions


@pytest.mark.parametrize("public_page", PAGES, ids=page_ids(PAGES))
def test_public_page_has_no_inline_code_for_the_csp_to_block(demo_site, client, public_page):
    html = response_html(client.get(public_page.path))
    assert INLINE_SCRIPT.findall(html) == []
    assert INLINE_STYLE.findall(html) == []
    assert INLINE_HANDLER.findall(html) == []


def response_html(response):
    return response.content.decode()


def test_admin_keeps_its_own_policy_but_no_plugins_or_foreign_framing(db, client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    csp = parse_csp(response["Content-Security-Policy"])
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


# -- production settings, in a subprocess -------------------------------------------------

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "www.example.se",
    # Never connected to: the checks below do not touch the database.
    "DATABASE_URL": "postgresql://nobody:nothing@127.0.0.1:1/unused",
}

SETTINGS_AS_JSON = """
import json, django
django.setup()
from django.conf import settings
names = ["DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
         "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS",
         "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT", "SECURE_CONTENT_TYPE_NOSNIFF",
         "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "X_FRAME_OPTIONS", "ALLOWED_HOSTS"]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def run_with_production_settings(args, **changes):
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    env.update(PRODUCTION_ENV)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def production_settings():
    result = run_with_production_settings(["-c", SETTINGS_AS_JSON])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_httponly_and_same_site(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert production_settings["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_HTTPONLY"] is True
    assert production_settings["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")


def test_production_forces_https_with_hsts(production_settings):
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31536000
    assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production_settings["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production_settings["X_FRAME_OPTIONS"] == "DENY"
    assert production_settings["ALLOWED_HOSTS"] == ["www.example.se"]


def test_production_passes_the_deployment_checklist_without_warnings():
    result = run_with_production_settings(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
