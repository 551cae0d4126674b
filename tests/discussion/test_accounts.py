"""Reader accounts at /konto/: in Swedish, in the site's layout, and no way into the admin."""

from django.core import mail

from .conftest import form_data


def test_account_pages_use_site_layout_in_swedish(client, site):
    for url in ("/konto/login/", "/konto/signup/", "/konto/password/reset/"):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="skip-link"' in html, url  # the site's base.html
        assert 'class="site-footer"' in html
    html = client.get("/konto/login/").content.decode()
    assert "Logga in" in html
    assert "Lösenord" in html


def test_sign_up_verify_email_log_in_and_comment(client, open_post):
    response = client.post(
        "/konto/signup/",
        {"email": "ny@example.se", "password1": "ett-langt-losen-123", "password2": "ett-langt-losen-123"},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/confirm-email/" in line).strip()
    path = link[link.index("/konto/") :]
    client.get(path)
    client.post(path)
    response = client.post(
        f"/konto/login/?next={open_post.url}", {"login": "ny@example.se", "password": "ett-langt-losen-123"}
    )
    assert response.status_code == 302 and response["Location"] == open_post.url
    assert client.post("/kommentarer/skicka/", form_data(client, open_post)).status_code == 303
    assert client.get("/admin/").status_code == 302  # readers have no admin


def test_log_out(client, reader):
    client.force_login(reader)
    assert client.get("/konto/logout/").status_code == 200
    assert client.post("/konto/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
