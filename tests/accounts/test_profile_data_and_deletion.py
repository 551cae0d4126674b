"""Mitt konto: change the display name, download one's data, delete the account (also by command)."""

import io
import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from discussion.models import Comment, CommentStatus
from tests.discussion.conftest import add_comment


def mine(page, reader, text, status=CommentStatus.APPROVED, **extra):
    return add_comment(page, text=text, status=status, user=reader, email=reader.email, name="Skogsbo", **extra)


def test_reader_changes_display_name(client, reader):
    client.force_login(reader)
    html = client.get("/konto/profil/").content.decode()
    assert 'href="/konto/email/"' in html and 'href="/konto/password/change/"' in html
    response = client.post("/konto/profil/", {"display_name": "  Nya  namnet "})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.get_full_name() == "Nya namnet"
    assert "Nya namnet" in client.get("/konto/").content.decode()


def test_bad_display_names_are_refused(client, reader, site):
    client.force_login(reader)
    for name in ("", "x" * 51, "\u202enimda", "Myndigheten för levande landsbygd"):
        response = client.post("/konto/profil/", {"display_name": name})
        assert response.status_code == 400, name
        assert 'class="error-summary"' in response.content.decode()
    reader.refresh_from_db()
    assert reader.first_name == ""


def test_password_and_email_pages_work_in_the_site_layout(client, reader):
    client.force_login(reader)
    for url in ("/konto/password/change/", "/konto/email/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'class="site-footer"' in response.content.decode()
    response = client.post(
        "/konto/password/change/",
        {"oldpassword": "hemligt-123", "password1": "ett-nytt-langt-losen-9", "password2": "ett-nytt-langt-losen-9"},
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password("ett-nytt-langt-losen-9")


def test_download_my_data_as_json(client, open_post, reader):
    reader.first_name = "Skogsbo"
    reader.save()
    mine(open_post, reader, "Publicerad")
    mine(open_post, reader, "Avvisad", CommentStatus.REJECTED, decision_reason="Utanför ämnet.")
    add_comment(open_post, text="Någon annans")
    client.force_login(reader)
    assert "Ladda ner mina uppgifter" in client.get("/konto/mina-uppgifter/").content.decode()
    response = client.get("/konto/mina-uppgifter/?ladda-ner=1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["display_name"] == "Skogsbo" and data["account"]["email"] == reader.email
    assert [(c["text"], c["status_label"]) for c in data["comments"]] == [
        ("Publicerad", "Publicerad"),
        ("Avvisad", "Avvisad"),
    ]
    assert data["comments"][1]["reason"] == "Utanför ämnet."
    assert data["comments"][0]["page"] == open_post.title
    assert data["subscriptions"] == []  # subscriptions/personal_data.py through PERSONAL_DATA_PROVIDERS


def test_delete_account_needs_the_password(client, reader):
    client.force_login(reader)
    html = client.get("/konto/ta-bort-kontot/").content.decode()
    assert "Kommentaren har tagits bort av skribenten" in html  # the choice explained before confirming
    response = client.post("/konto/ta-bort-kontot/", {"password": "fel"})
    assert response.status_code == 400
    assert "Lösenordet stämmer inte" in response.content.decode()
    assert get_user_model().objects.filter(pk=reader.pk).exists()
    assert client.post("/konto/ta-bort-kontot/", {}).status_code == 400


def test_deleting_the_account_leaves_only_placeholders_for_answered_comments(
    client, open_post, reader, django_capture_on_commit_callbacks
):
    answered = mine(open_post, reader, "Besvarad")
    reply = add_comment(open_post, text="Svaret", parent=answered)
    mine(open_post, reader, "Obesvarad")
    mine(open_post, reader, "Väntande", CommentStatus.PENDING)
    add_comment(open_post, text="Anonym med samma adress", email=reader.email)
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konto/ta-bort-kontot/", {"password": "hemligt-123"})
    assert response.status_code == 302 and response["Location"] == "/konto/kontot-borttaget/"
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(pk=reader.pk).exists()
    assert not EmailAddress.objects.filter(email=reader.email).exists()

    left = Comment.objects.exclude(pk=reply.pk)
    assert list(left.values_list("pk", "status", "comment", "user_name", "user_email", "user_id")) == [
        (answered.pk, CommentStatus.DELETED, "", "", "", None)
    ]
    assert not Comment.objects.filter(user_email__iexact=reader.email).exists()
    html = Client().get(open_post.url).content.decode()
    assert "Kommentaren har tagits bort av skribenten" in html and "Svaret" in html
    assert "Besvarad" not in html and "Skogsbo" not in html


def test_commands_export_and_delete_for_requests_by_letter(open_post, reader):
    mine(open_post, reader, "Per brev")
    out = io.StringIO()
    call_command("export_personal_data", "--email", reader.email.upper(), stdout=out)
    data = json.loads(out.getvalue())
    assert data["account"]["email"] == reader.email and data["comments"][0]["text"] == "Per brev"

    with pytest.raises(CommandError):
        call_command("export_personal_data", "--email", "ingen@example.se")
    call_command("delete_account", "--email", reader.email, "--yes", stdout=io.StringIO())
    assert not get_user_model().objects.filter(email=reader.email).exists()
    assert not Comment.objects.exists()


def test_delete_command_refuses_staff_and_unknown_addresses(moderator):
    moderator.is_staff = True
    moderator.save()
    for email in (moderator.email, "ingen@example.se"):
        with pytest.raises(CommandError):
            call_command("delete_account", "--email", email, "--yes")
    assert get_user_model().objects.filter(pk=moderator.pk).exists()


def test_subscriptions_are_exported_and_erased_with_the_account(client, reader):
    from subscriptions.models import Subscription

    Subscription.objects.create(email=reader.email, user=reader, content_types=["blog"], frequency="vecka")
    client.force_login(reader)
    data = json.loads(client.get("/konto/mina-uppgifter/?ladda-ner=1").content)
    assert [s["email"] for s in data["subscriptions"]] == [reader.email]
    assert client.post("/konto/ta-bort-kontot/", {"password": "hemligt-123"}).status_code == 302
    assert not Subscription.objects.exists()
