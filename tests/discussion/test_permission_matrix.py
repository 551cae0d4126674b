"""The moderator's permission matrix: every moderation view and action, tried by each role with the
same valid request. A moderator (the Moderatorer group) reaches all of it and the action takes
effect; a reader, an editor without the permission and an anonymous visitor reach none of it
(403 or a redirect to log in) and nothing changes. A moderator reaches nothing else in the admin.
Answering in the agency's name is the one exception: editors (Redaktörer) hold that permission too
(`discussion.reply_as_agency`, issue 13.1), so for it the editor is on the allowed side."""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from discussion.models import (
    Comment,
    CommenterNote,
    CommenterRestriction,
    CommentReport,
    CommentRevision,
    CommentStatus,
)
from tests.moderation import ALL, QUEUE, decision_url, seen

from .conftest import add_comment

ROLES = ("anonymous", "reader", "editor", "moderator")


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="redaktor", email="red@example.se", password="hemligt-123")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    return user


@pytest.fixture
def clients(reader, editor, moderator):
    made = {"anonymous": Client()}
    for role, user in (("reader", reader), ("editor", editor), ("moderator", moderator)):
        made[role] = Client()
        made[role].force_login(user)
    return made


@pytest.fixture
def world(anonymous_post):
    pending = add_comment(anonymous_post, "Väntar på beslut", status=CommentStatus.PENDING, email="vantar@example.se")
    published = add_comment(anonymous_post, "Publicerad kommentar", email="publicerad@example.se")
    report = CommentReport.objects.create(comment=published, reason="spam", ip_address="192.0.2.7")
    restriction = CommenterRestriction.objects.create(
        kind="premoderate", email="granskas@example.se", reason="Länkar till reklam", created_at=timezone.now()
    )
    return {
        "post": anonymous_post,
        "pending": pending,
        "published": published,
        "report": report,
        "restriction": restriction,
    }


def state():
    """Everything a moderation action can change, to compare before and after."""
    return {
        "comments": sorted(Comment.objects.values_list("pk", "status", "comment", "decision_reason", "is_public")),
        "revisions": CommentRevision.objects.count(),
        "reports": sorted(CommentReport.objects.values_list("pk", "handled_at", "outcome")),
        "notes": CommenterNote.objects.count(),
        "restrictions": sorted(CommenterRestriction.objects.values_list("pk", "kind", "lifted_at")),
    }


def field(html, name):
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert match, f"no {name} field"
    return match.group(1)


# Each action: the request a moderator's own browser would send, built from what the moderator's
# pages show (tokens, the state the rows were seen in). Every role sends exactly that request.


def approve(client, world, moderator_client):
    return client.post(decision_url("approve", world["pending"].pk), {"seen": seen(moderator_client)}, follow=False)


def reject(client, world, moderator_client):
    return client.post(
        decision_url("reject", world["pending"].pk),
        {"seen": seen(moderator_client), "reason_text": "Reklam för klockor"},
    )


def remove(client, world, moderator_client):
    return client.post(
        decision_url("remove", world["published"].pk),
        {"seen": seen(moderator_client), "reason_text": "Kränkande språk"},
    )


def agency_reply(client, world, moderator_client):
    url = f"/admin/kommentarer/svara/{world['published'].pk}/"
    token = field(moderator_client.get(url).content.decode(), "token")
    return client.post(url, {"token": token, "comment": "Tack, vi svarar som myndigheten."})


def correct(client, world, moderator_client):
    url = f"/admin/kommentarer/andra/{world['published'].pk}/"
    seen_value = field(moderator_client.get(url).content.decode(), "seen")
    return client.post(url, {"comment": "Rättad text.", "reason": "Tog bort ett telefonnummer", "seen": seen_value})


def handle_report(client, world, moderator_client):
    html = moderator_client.get("/admin/anmalda-kommentarer/").content.decode()
    row = html[html.index(f'id="anmald-{world["published"].pk}"') :]
    data = {"last_report": field(row, "last_report"), "seen": field(row, "seen"), "action": "keep"}
    return client.post(f"/admin/anmalda-kommentarer/{world['published'].pk}/", data)


def add_note(client, world, moderator_client):
    url = f"/admin/kommentarer/{world['pending'].pk}/sammanhang/"
    html = moderator_client.get(url).content.decode()
    data = {"comment": field(html, "comment"), "commenter": field(html, "commenter"), "text": "Brukar vara saklig."}
    return client.post(url, data)


def restrict(client, world, moderator_client):
    url = f"/admin/begransade-kommentatorer/new/?comment={world['pending'].pk}"
    assert moderator_client.get(url).status_code == 200
    return client.post(url, {"kind": "ban", "email": world["pending"].user_email, "reason": "Hot mot andra"})


def lift_restriction(client, world, moderator_client):
    return client.post(f"/admin/begransade-kommentatorer/{world['restriction'].pk}/hav/", {"reason": "Prövat igen"})


ACTIONS = [approve, reject, remove, agency_reply, correct, handle_report, add_note, restrict, lift_restriction]
MODERATORS = {"moderator"}
# Who may, where it is not the moderators alone.
ALLOWED = {agency_reply: {"moderator", "editor"}}

VIEWS = [
    (lambda world: QUEUE, MODERATORS),
    (lambda world: ALL, MODERATORS),
    (lambda world: "/admin/anmalda-kommentarer/", MODERATORS),
    (lambda world: f"/admin/kommentarer/svara/{world['published'].pk}/", {"moderator", "editor"}),
    (lambda world: f"/admin/kommentarer/andra/{world['published'].pk}/", MODERATORS),
    (lambda world: f"/admin/kommentarer/{world['pending'].pk}/sammanhang/", MODERATORS),
    (lambda world: f"/admin/begransade-kommentatorer/new/?comment={world['pending'].pk}", MODERATORS),
]


def refused(response):
    """403, or a redirect to the admin login (never to the page the action would lead to)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].startswith("/admin/login/")


def refused_in_admin(response):
    """As `refused`, or Wagtail's own answer to a logged-in user without the permission: a redirect
    to the dashboard with "Tyvärr, du har inte behörighet att komma åt det här området."."""
    return refused(response) or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", range(len(VIEWS)))
def test_moderation_views_open_for_moderators_only(world, clients, role, view):
    make_url, allowed = VIEWS[view]
    url = make_url(world)
    response = clients[role].get(url)
    if role in allowed:
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Publicerad kommentar" in html or "Väntar på beslut" in html, url
    else:
        assert refused_in_admin(response), (role, url, response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__)
def test_moderation_actions_take_effect_for_moderators_only(world, clients, role, action):
    before = state()
    response = action(clients[role], world, clients["moderator"])
    if role in ALLOWED.get(action, MODERATORS):
        assert response.status_code in (302, 303), (action.__name__, response.status_code)
        assert state() != before, f"{action.__name__} by a moderator changed nothing"
    else:
        assert refused_in_admin(response), (role, action.__name__, response.status_code)
        assert state() == before, f"{action.__name__} by {role} changed something"


# "Nothing else": the parts of the admin a moderator never needs.
OUTSIDE_MODERATION = [
    "/admin/pages/{post}/edit/",
    "/admin/pages/{post}/add_subpage/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/settings/discussion/commentsettings/",
]
# Wagtail's site history stays open to every admin user; it lists only entries on objects the user
# has a permission for, so a moderator sees there the moderation entries and nothing else.


@pytest.mark.parametrize("path", OUTSIDE_MODERATION)
def test_a_moderator_reaches_nothing_outside_moderation(world, clients, path):
    url = path.format(post=world["post"].pk)
    response = clients["moderator"].get(url)
    assert refused_in_admin(response), (url, response.status_code)


def test_a_forged_token_from_a_moderator_is_still_refused_to_others(world, clients):
    """The same agency reply with a fresh token: a reader gets nothing, the moderator's twin works."""
    url = f"/admin/kommentarer/svara/{world['published'].pk}/"
    data = {"token": str(uuid.uuid4()), "comment": "Svar"}
    before = state()
    assert refused_in_admin(clients["reader"].post(url, data))
    assert state() == before
    assert clients["moderator"].post(url, data).status_code == 302
    assert state() != before
