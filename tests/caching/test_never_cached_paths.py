"""One list of never-cached paths: the app reads caching/paths.py, and the VCL passes the same."""

import re
from pathlib import Path

from caching.paths import NEVER_CACHE_PREFIXES, never_cached

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"


def test_the_vcl_passes_exactly_the_never_cached_prefixes():
    text = VCL.read_text()
    rule = re.search(r'req\.url ~ "\^/\(([^)]*)\)/"\) \{\s*return \(pass\);', text)
    assert rule, "the VCL passes the never-cached prefixes in one rule"
    assert {f"/{name}/" for name in rule.group(1).split("|")} == set(NEVER_CACHE_PREFIXES)
    for prefix in NEVER_CACHE_PREFIXES:
        assert prefix in text.split("sub vcl_recv")[0], f"{prefix} is listed in the VCL's documentation"


def test_pages_readers_see_are_cacheable_and_the_rest_not():
    for path in ("/", "/blogg/", "/kalender/ical/", "/kommentarer/svara/1/", "/sok/?q=a", "/sitemap.xml"):
        assert not never_cached(path), path
    for path in ("/admin/", "/konto/login/", "/dokument/1/fil.pdf", "/static/x.css", "/media/images/a.jpg"):
        assert never_cached(path), path
