"""A refused comment answers with the article page itself: the form refilled, the reason at the top
of the form, the reader's text kept, and the right 4xx. No JavaScript needed."""

import datetime
import html as html_lib
import re

from django.test import Client
from django.utils import timezone

from discussion.models import Comment, CommentStatus

from .conftest import add_comment, form_data

URL = "/kommentarer/skicka/"


def article(response, page):
    """The response is the page itself (its title and body in the site layout), not an error page."""
    html = response.content.decode()
    assert f"<h1>{page.title}</h1>" in html or f">{page.title}</h1>" in html
    assert 'id="kommentarer"' in html and 'class="site-footer"' in html
    return html


def summary(html):
    match = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert match, "no error summary"
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def form_html(html):
    return html[html.index('<form class="comment-form"') : html.index("</form>", html.index('class="comment-form"'))]


def test_too_long_comment_comes_back_on_the_page_refilled(client, anonymous_post, comment_settings):
    text = "Lång text om byn. " * 30
    response = client.post(URL, form_data(client, anonymous_post, email="a@example.se", comment=text))
    assert response.status_code == 400
    html = article(response, anonymous_post)
    form = form_html(html)
    assert form.index('class="error-summary"') < form.index("<textarea")  # at the top of the form
    assert "högst 300 tecken" in summary(html)
    assert html_lib.escape(text.strip()) in form
    assert 'value="Skogsbo"' in form and 'value="a@example.se"' in form
    assert Comment.objects.count() == 0


def test_refused_form_posts_again_once_corrected(client, anonymous_post):
    response = client.post(URL, form_data(client, anonymous_post, email="", comment="Bra"))
    assert response.status_code == 400
    html = response.content.decode()
    data = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form_html(html)))
    data.update({"email": "a@example.se", "comment": "Bra skrivet.", "website": "", "name": "Skogsbo"})
    assert client.post(URL, data).status_code == 303
    assert Comment.objects.get().comment == "Bra skrivet."


def test_rate_limited_post_keeps_the_text_with_429(client, anonymous_post):
    assert client.post(URL, form_data(client, anonymous_post, email="a@example.se")).status_code == 303
    response = client.post(URL, form_data(client, anonymous_post, email="a@example.se", comment="Andra tanken."))
    assert response.status_code == 429
    html = article(response, anonymous_post)
    assert "Vänta en stund" in summary(html)
    assert "Andra tanken." in form_html(html)
    assert Comment.objects.count() == 1


def test_closed_window_answers_403_on_the_page_with_the_text_to_copy(client, anonymous_post):
    data = form_data(client, anonymous_post, email="a@example.se", comment="Skrevs medan den stängdes.")
    anonymous_post.comments_close_at = timezone.now() - datetime.timedelta(minutes=1)
    anonymous_post.save_revision().publish()
    response = client.post(URL, data)
    assert response.status_code == 403
    html = article(response, anonymous_post)
    assert "Tiden för att kommentera har gått ut" in summary(html)
    assert re.search(r"<textarea[^>]*readonly[^>]*>Skrevs medan den stängdes.</textarea>", html)
    assert 'class="comment-form"' not in html
    assert Comment.objects.count() == 0


def test_reply_to_a_comment_removed_meanwhile_keeps_the_text_as_a_new_comment(client, anonymous_post):
    parent = add_comment(anonymous_post, "Förälder")
    data = form_data(client, anonymous_post, email="a@example.se", comment="Mitt svar.", reply_to=str(parent.pk))
    Comment.objects.filter(pk=parent.pk).update(status=CommentStatus.REMOVED, is_public=False)
    response = client.post(URL, data)
    assert response.status_code == 400
    html = article(response, anonymous_post)
    assert "finns inte eller är inte publicerad" in summary(html)
    assert "ny kommentar" in summary(html)
    form = form_html(html)
    assert "Mitt svar." in form
    assert f'name="reply_to" value="{parent.pk}"' not in form  # sent again, it is a new comment
    assert Comment.objects.count() == 1


def test_stale_form_comes_back_with_a_fresh_one_and_the_text(client, anonymous_post):
    data = form_data(client, anonymous_post, email="a@example.se", comment="Gammal flik.")
    data["security_hash"] = "0" * 40
    response = client.post(URL, data)
    assert response.status_code == 400
    html = article(response, anonymous_post)
    assert "Skicka kommentaren igen" in summary(html)
    form = form_html(html)
    assert "Gammal flik." in form
    assert 'name="security_hash" value="' + "0" * 40 not in form


def test_logged_in_post_without_csrf_token_is_403_on_the_page(client, open_post, reader):
    client.force_login(reader)
    data = form_data(client, open_post, comment="Utan token.")
    data.pop("csrfmiddlewaretoken")
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(reader)
    response = csrf_client.post(URL, data)
    assert response.status_code == 403
    html = article(response, open_post)
    assert "Utan token." in form_html(html)
    assert "csrfmiddlewaretoken" in form_html(html)
    assert Comment.objects.count() == 0


def test_refused_page_is_never_cached_and_its_login_link_points_at_the_article(settings, client, anonymous_post):
    settings.PAGE_CACHE_ENABLED = True
    response = client.post(URL, form_data(client, anonymous_post, email="", comment="x"))
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    assert f"/konto/login/?next={anonymous_post.url.replace('/', '%2F')}" in response.content.decode()
    assert "error-summary" not in client.get(anonymous_post.url).content.decode()


def test_reply_links_carry_the_comment_for_the_script_and_a_page_without_it(client, anonymous_post):
    parent = add_comment(anonymous_post, "Förälder")
    html = client.get(anonymous_post.url).content.decode()
    assert f'href="/kommentarer/svara/{parent.pk}/" data-reply-to="{parent.pk}"' in html
    reply_page = client.get(f"/kommentarer/svara/{parent.pk}/")
    assert reply_page.status_code == 200
    page_html = reply_page.content.decode()
    assert 'class="site-footer"' in page_html and f'name="reply_to" value="{parent.pk}"' in page_html
