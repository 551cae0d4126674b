"""Reader accounts at /konto/: in Swedish, in the site's layout, and no way into the admin.

Sign-up and confirmation: tests/accounts/test_sign_up.py."""


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


def test_log_out(client, reader):
    client.force_login(reader)
    assert client.get("/konto/logout/").status_code == 200
    assert client.get("/admin/").status_code == 302  # readers have no admin
    assert client.post("/konto/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
