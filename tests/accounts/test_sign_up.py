"""Sign-up asks for e-mail, password and a display name; confirming logs in and returns to the page."""

import re

from django.contrib.auth import get_user_model
from django.core import mail

from tests.discussion.conftest import form_data


def confirm_path(message):
    link = re.search(r"https?://\S+/konto/confirm-email/\S+", message.body).group(0)
    return link[link.index("/konto/") :]


def sign_up(client, next_url=None, capture=None, **overrides):
    data = {"display_name": "Bygdeväven", "email": "ny@example.se", "password1": "ett-langt-losen-123"}
    data.update(overrides)
    url = "/konto/signup/" + (f"?next={next_url}" if next_url else "")
    if capture is None:
        return client.post(url, data)
    with capture(execute=True):  # the mail leaves when the sign-up commits
        return client.post(url, data)


def test_sign_up_form_asks_for_name_email_and_one_password_in_valid_markup(client, site):
    html = client.get("/konto/signup/?next=/blogg/").content.decode()
    form = html[html.index('class="account-form"') :]
    for name in ("display_name", "email", "password1"):
        assert f'name="{name}"' in form
    assert 'name="username"' not in form and 'name="password2"' not in form
    assert 'name="next" value="/blogg/"' in form
    assert "Namn som visas" in form
    assert not re.search(r"<p>\s*<(ul|div|label)", form)  # no as_p: lists and labels in a <p>


def test_reader_signs_up_confirms_and_lands_logged_in_on_the_page(
    client, open_post, django_capture_on_commit_callbacks
):
    response = sign_up(client, next_url=open_post.url, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ny@example.se")
    assert user.get_full_name() == "Bygdeväven"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.from_email.startswith(("Myndigheten", '"Myndigheten', "=?utf-8?"))
    assert "example.com" not in message.from_email + message.subject + message.body
    assert "Hej Bygdeväven!" in message.body
    assert user.username not in message.body

    path = confirm_path(message)
    assert "Bekräfta" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == open_post.url
    assert client.session["_auth_user_id"] == str(user.pk)
    html = client.get(open_post.url).content.decode()
    assert "Bygdeväven" in html
    assert client.post("/kommentarer/skicka/", form_data(client, open_post)).status_code == 303


def test_confirming_in_another_browser_asks_to_log_in_and_still_returns(
    client, open_post, django_capture_on_commit_callbacks
):
    sign_up(client, next_url=open_post.url, capture=django_capture_on_commit_callbacks)
    other = client.__class__()
    response = other.post(confirm_path(mail.outbox[0]))
    assert response.status_code == 302 and "_auth_user_id" not in other.session
    response = other.post(
        f"/konto/login/?next={open_post.url}", {"login": "ny@example.se", "password": "ett-langt-losen-123"}
    )
    assert response.status_code == 302 and response["Location"] == open_post.url


def test_log_in_link_from_the_comment_section_keeps_next_through_sign_up(client, open_post):
    html = client.get(open_post.url).content.decode()
    signup = re.search(r'href="(/konto/signup/\?next=[^"]+)"', html).group(1)
    page = client.get(signup.replace("&amp;", "&")).content.decode()
    assert f'name="next" value="{open_post.url}#kommentarer"' in page


def test_sign_up_refuses_bad_input_in_swedish_and_stores_nothing(client, site, django_capture_on_commit_callbacks):
    cases = [
        {"display_name": ""},
        {"display_name": "x" * 51},
        {"email": "inte-en-adress"},
        {"password1": "kort"},
    ]
    for overrides in cases:
        response = sign_up(client, capture=django_capture_on_commit_callbacks, **overrides)
        assert response.status_code == 400, overrides
        html = response.content.decode()
        assert 'class="error-summary"' in html, overrides
        assert get_user_model().objects.count() == 0
        assert mail.outbox == []


def test_sign_up_refuses_a_name_with_hidden_characters(client, site):
    response = sign_up(client, display_name="\u202enimda")
    assert response.status_code == 400
    assert get_user_model().objects.count() == 0


def test_sign_up_with_a_plain_name_works(client, site):
    assert sign_up(client, display_name="Anna från byn").status_code == 302
    assert get_user_model().objects.get().first_name == "Anna från byn"
