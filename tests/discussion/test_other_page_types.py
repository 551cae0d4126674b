"""Case studies and events take comments through the same mixin, window and moderation as blog posts."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from casestudies.models import CaseStudyPage
from discussion.models import Comment, CommentStatus
from events.models import EventPage
from tests.moderation import decide

from .conftest import form_data

LOGIN_REQUIRED = "Du måste vara inloggad för att få kommentera"
THANKS = "Tack! Din kommentar granskas innan den publiceras."


def first_live(model):
    return model.objects.live().order_by("pk").first()


@pytest.mark.parametrize("model", [CaseStudyPage, EventPage], ids=["case-study", "event"])
def test_reader_comments_on_other_page_types(client, demo_site, model, django_capture_on_commit_callbacks):
    page = first_live(model)
    html = client.get(page.url).content.decode()
    assert "Kommentarer" in html
    assert LOGIN_REQUIRED in html

    reader = get_user_model().objects.create_user("sidlasare", "sidlasare@example.se", "hemligt-123")
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    client.force_login(reader)
    # The form as a logged-in reader gets it, replayed without the session: the server holds the window.
    replayed = form_data(client, page, comment="Utan inloggning.")
    replayed.pop("csrfmiddlewaretoken", None)
    client.logout()
    anonymous = client.post("/kommentarer/skicka/", replayed)
    assert anonymous.status_code in (400, 403)
    assert LOGIN_REQUIRED in anonymous.content.decode()
    assert not Comment.objects.filter(comment="Utan inloggning.").exists()

    client.force_login(reader)
    text = f"Så gör vi hos oss, skrivet på en sida av typen {model.__name__}."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kommentarer/skicka/", form_data(client, page, comment=text))
    assert response.status_code == 303
    assert THANKS in client.get(response["Location"]).content.decode()
    comment = Comment.objects.get(comment=text)
    assert comment.status == CommentStatus.PENDING
    client.logout()
    assert text not in client.get(page.url).content.decode()

    moderator = get_user_model().objects.create_user("sidmoderator", "sidmoderator@example.se", "hemligt-123")
    moderator.groups.add(Group.objects.get(name="Moderatorer"))
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(client, "approve", comment.pk).status_code == 302
    client.logout()
    assert text in client.get(page.url).content.decode()


@pytest.mark.parametrize("model", [CaseStudyPage, EventPage], ids=["case-study", "event"])
def test_editor_sees_comment_tab_on_other_page_types(admin_client, demo_site, model):
    page = first_live(model)
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="comment_mode"' in html and 'name="comments_login"' in html
