"""A moderator or editor answers a reader in the agency's name ("Svara som <agency>"), from the page or
from the admin: published at once, with the agency's name and badge; nobody else can."""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

from discussion.models import Comment, CommentStatus
from website.models import SiteSettings

from .conftest import add_comment, form_data


@pytest.fixture
def agency(site):
    site_settings = SiteSettings.for_site(site)
    site_settings.organisation_name = "Testverket"
    site_settings.save()
    return site_settings


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="redaktor", email="red@example.se", password="hemligt-123")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    return user


@pytest.fixture
def admin_only(db):
    """Someone who may open the admin but has no say over comments."""
    group = Group.objects.create(name="Bara admin")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user(username="annan", email="annan@example.se", password="hemligt-123")
    user.groups.add(group)
    return user


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def _reply_link(html, comment):
    match = re.search(
        rf'<li class="comment[^"]*" id="kommentar-{comment.pk}">.*?href="([^"]+)">Svara som Testverket', html
    )
    return match.group(1).replace("&amp;", "&") if match else None


def _reply_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    next_field = re.search(r'name="next" value="([^"]+)"', html)
    return html, {"token": token, **({"next": next_field.group(1)} if next_field else {})}


def test_moderator_answers_from_the_page_and_anonymous_readers_see_it_at_once(
    settings, anonymous_post, agency, moderator, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    question = add_comment(anonymous_post, text="När öppnar nästa ansökningsomgång?", name="Byalaget")
    anonymous = Client()
    assert anonymous.get(anonymous_post.url).get("X-Page-Cache") == "miss"
    cached = anonymous.get(anonymous_post.url)
    assert cached.get("X-Page-Cache") == "hit"
    assert "Svara som" not in cached.content.decode()

    mod = _logged_in(moderator)
    page = mod.get(anonymous_post.url)
    assert page.get("X-Page-Cache") != "hit"
    link = _reply_link(page.content.decode(), question)
    assert link and link.startswith(f"/admin/kommentarer/svara/{question.pk}/")

    html, data = _reply_form(mod, link)
    assert "När öppnar nästa ansökningsomgång?" in html
    assert re.search(r"<h1[^>]*>\s*(<[^>]+>\s*)*Svara som Testverket", html)
    assert f'href="/admin/kommentarer/andra/{question.pk}/"' in html  # a moderator may correct it too
    assert "Svar från Testverket" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = mod.post(link, {**data, "comment": "Den öppnar den 1 mars. Välkomna!"})
    reply = Comment.objects.get(is_official=True)
    assert response.status_code == 302
    assert response["Location"] == f"{anonymous_post.url}#kommentar-{reply.pk}"
    assert reply.status == CommentStatus.APPROVED and reply.is_public
    assert reply.user_name == "Testverket" and reply.parent_id == question.pk and reply.user == moderator

    public = anonymous.get(anonymous_post.url)
    assert public.get("X-Page-Cache") == "miss"  # the reply invalidated the cached page
    html = public.content.decode()
    item = re.search(rf'<li class="comment comment--official" id="kommentar-{reply.pk}">.*?</li>', html, re.S).group(0)
    assert "Den öppnar den 1 mars. Välkomna!" in item
    assert f'<span class="comment__author" id="kommentar-{reply.pk}-namn">Testverket</span>' in item
    assert '<span class="comment__badge">Svar från Testverket</span>' in item
    assert "Svara som" not in html and "/admin/" not in html


def test_editor_answers_from_the_admin_with_the_badge_the_settings_name(
    client, anonymous_post, agency, editor, comment_settings
):
    comment_settings.official_badge = "Myndigheten svarar"
    comment_settings.save()
    question = add_comment(anonymous_post, text="Finns stödet kvar?")
    ed = _logged_in(editor)
    assert _reply_link(ed.get(anonymous_post.url).content.decode(), question)

    url = f"/admin/kommentarer/svara/{question.pk}/?next=/admin/"
    html, data = _reply_form(ed, url)
    assert "/admin/kommentarer/andra/" not in html  # an editor does not correct readers' comments
    response = ed.post(url, {**data, "comment": "Ja, i år också."})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "Svaret är publicerat som Testverket." in ed.get("/admin/").content.decode()
    html = client.get(anonymous_post.url).content.decode()
    assert '<span class="comment__badge">Myndigheten svarar</span>' in html
    assert "Ja, i år också." in html


def test_an_answer_to_a_reply_goes_into_the_same_thread(client, anonymous_post, agency, moderator):
    question = add_comment(anonymous_post, text="Fråga")
    follow_up = add_comment(anonymous_post, text="Följdfråga", parent=question)
    mod = _logged_in(moderator)
    url = f"/admin/kommentarer/svara/{follow_up.pk}/"
    _html, data = _reply_form(mod, url)
    mod.post(url, {**data, "comment": "Svar på båda."})
    reply = Comment.objects.get(is_official=True)
    # The site shows one level of replies: the answer sits beside the reply, under the question.
    assert reply.parent_id == question.pk and reply.level == 1
    assert "Svar på båda." in client.get(anonymous_post.url).content.decode()


def test_a_reader_cannot_post_in_the_agencys_name(anonymous_post, open_post, agency, reader, moderator, admin_only):
    question = add_comment(open_post, text="Fråga")
    reader_client = _logged_in(reader)
    page = reader_client.get(open_post.url).content.decode()
    assert "Svara som" not in page

    # A forged field on the readers' form is ignored: the comment is an ordinary one, held.
    data = form_data(reader_client, open_post, comment="Jag är myndigheten.", is_official="on", status="approved")
    assert reader_client.post("/kommentarer/skicka/", data).status_code == 303
    stored = Comment.objects.get(comment="Jag är myndigheten.")
    assert not stored.is_official and stored.status == CommentStatus.PENDING

    # The admin view: a reader is sent to log in; an admin user without the permission gets 403.
    token = str(uuid.uuid4())
    url = f"/admin/kommentarer/svara/{question.pk}/"
    response = reader_client.post(url, {"token": token, "comment": "Förfalskat"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    other = _logged_in(admin_only)
    for response in (other.post(url, {"token": token, "comment": "Förfalskat"}), other.get(url)):
        assert response.status_code == 403 and "Du har inte behörighet att göra det här." in response.content.decode()
    assert Client().post(url, {"token": token, "comment": "Förfalskat"}).status_code == 302
    assert not Comment.objects.filter(is_official=True).exists()

    # The positive twin: the moderator's same post is published.
    assert _logged_in(moderator).post(url, {"token": token, "comment": "Äkta svar"}).status_code == 302
    assert Comment.objects.get(is_official=True).comment == "Äkta svar"


def test_bad_input_is_answered_in_swedish_and_nothing_is_stored(anonymous_post, agency, moderator):
    question = add_comment(anonymous_post, text="Fråga")
    pending = add_comment(anonymous_post, text="Väntar", status=CommentStatus.PENDING)
    mod = _logged_in(moderator)
    url = f"/admin/kommentarer/svara/{question.pk}/"
    token = str(uuid.uuid4())

    empty = mod.post(url, {"token": token, "comment": "  \n "})
    assert empty.status_code == 400 and "Skriv ett svar." in empty.content.decode()
    too_long = mod.post(url, {"token": token, "comment": "x" * 3001})
    assert too_long.status_code == 400 and "Det får vara högst 3000 tecken." in too_long.content.decode()
    forged_token = mod.post(url, {"token": "inte-ett-id", "comment": "Hej"})
    assert forged_token.status_code == 400 and "Formuläret är ogiltigt." in forged_token.content.decode()
    for comment_id in (pending.pk, 999999, 2**40):
        assert mod.get(f"/admin/kommentarer/svara/{comment_id}/").status_code == 404
        assert (
            mod.post(f"/admin/kommentarer/svara/{comment_id}/", {"token": token, "comment": "Hej"}).status_code == 404
        )
    assert not Comment.objects.filter(is_official=True).exists()

    # A foreign `next` is not followed; a resend of the same form stores the reply once.
    data = {"token": token, "comment": "Hej", "next": "https://example.com/"}
    first = mod.post(url, data)
    second = mod.post(url, data)
    assert first["Location"] == second["Location"]
    assert first["Location"].startswith(anonymous_post.url)
    assert Comment.objects.filter(is_official=True).count() == 1


def test_the_reader_answered_hears_of_the_reply(
    anonymous_post, agency, reader, moderator, django_capture_on_commit_callbacks
):
    from django.core import mail

    from accounts.models import NotificationChoices

    NotificationChoices.objects.create(user=reader, reply=True)  # as chosen in Mitt konto
    question = add_comment(anonymous_post, text="Fråga", user=reader, email=reader.email)
    mod = _logged_in(moderator)
    url = f"/admin/kommentarer/svara/{question.pk}/"
    _html, data = _reply_form(mod, url)
    with django_capture_on_commit_callbacks(execute=True):
        mod.post(url, {**data, "comment": "Här är svaret."})
    assert [m.to for m in mail.outbox] == [[reader.email]]
    assert "Här är svaret." in mail.outbox[0].body
