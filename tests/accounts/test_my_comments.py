"""Mitt konto lists the reader's own comments with page, date and status in Swedish, paged."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from discussion.models import CommentStatus
from tests.discussion.conftest import add_comment


def mine(page, reader, text, status, **extra):
    return add_comment(page, text=text, status=status, user=reader, email=reader.email, **extra)


def test_my_comments_show_page_date_and_status(client, open_post, reader, make_post):
    other_post = make_post("annat", comment_mode="open")
    published = mine(open_post, reader, "Publicerad text", CommentStatus.APPROVED)
    mine(open_post, reader, "Väntande text", CommentStatus.PENDING)
    mine(other_post, reader, "Avvisad text", CommentStatus.REJECTED, decision_reason="Handlar inte om inlägget.")
    mine(other_post, reader, "Skräp", CommentStatus.REJECTED, decision_reason="Reklam", rejected_as_spam=True)
    mine(other_post, reader, "Borttagen text", CommentStatus.REMOVED, decision_reason="Personangrepp.")
    mine(other_post, reader, "Min borttagna", CommentStatus.DELETED)
    add_comment(open_post, text="Någon annans kommentar")

    client.force_login(reader)
    response = client.get("/konto/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Publicerad text", "Väntande text", "Avvisad text", "Borttagen text"):
        assert text in html
    assert "Någon annans kommentar" not in html
    assert "Min borttagna" not in html  # the reader deleted it: only that it existed
    for label in ("Publicerad", "Väntar på granskning", "Avvisad", "Borttagen", "Borttagen av dig"):
        assert f'<span class="own-comment__status">{label}</span>' in html
    assert "Handlar inte om inlägget." in html and "Personangrepp." in html
    assert "Reklam" not in html  # spam is never answered
    assert f'href="{open_post.url}#kommentar-{published.pk}"' in html
    assert other_post.title in html
    assert "<time datetime=" in html


def test_my_comments_are_paged(client, open_post, reader):
    for number in range(25):
        mine(open_post, reader, f"Kommentar nummer {number:02d}", CommentStatus.APPROVED)
    client.force_login(reader)
    first = client.get("/konto/").content.decode()
    assert first.count('class="own-comment ') == 20
    assert 'href="?sida=2"' in first
    second = client.get("/konto/?sida=2").content.decode()
    assert second.count('class="own-comment ') == 5
    assert client.get("/konto/?sida=xyz").status_code == 200  # nonsense pages show the first


def test_page_that_is_gone_still_lists_the_comment(client, open_post, reader):
    mine(open_post, reader, "Kvar fast sidan är borta", CommentStatus.APPROVED)
    open_post.unpublish()
    client.force_login(reader)
    html = client.get("/konto/").content.decode()
    assert "Kvar fast sidan är borta" in html and "Sidan finns inte längre" in html


def test_mitt_konto_needs_a_login(client, site):
    response = client.get("/konto/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/?next=/konto/")


def test_listing_costs_the_same_queries_for_many_comments(client, open_post, reader, make_post):
    client.force_login(reader)
    mine(open_post, reader, "Den första", CommentStatus.APPROVED)
    client.get("/konto/")  # warm per-process caches (content types, site)
    with CaptureQueriesContext(connection) as few:
        client.get("/konto/")
    for number in range(19):
        page = make_post(f"sida-{number}", comment_mode="open") if number % 5 == 0 else open_post
        mine(page, reader, f"K{number}", CommentStatus.APPROVED)
    with CaptureQueriesContext(connection) as many:
        client.get("/konto/")
    assert len(many) == len(few)
