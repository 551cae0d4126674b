"""Restricted commenters (issue 13, point 7), as the Moderatorer group and readers meet them: always
pre-moderate, ban and timed suspension per account or address, each with a reason, reversible and
logged (discussion.restrictions, discussion.restriction_admin)."""

import datetime
import json
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from discussion.models import Comment, CommenterRestriction, CommentStatus
from website.models import SiteSettings

from .conftest import add_comment, form_data

POST_URL = "/kommentarer/skicka/"
LIST = "/admin/begransade-kommentatorer/"
ADD = LIST + "new/"
QUEUE = "/admin/kommentarer/"
REFUSED = "Kommentaren kunde inte tas emot."


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _lift_url(restriction):
    return f"{LIST}{restriction.pk}/hav/"


def _until(delta):
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="redaktor", email="red@example.se", password="hemligt-123")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    return user


@pytest.fixture
def other_reader(db):
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(username="annan", email="annan@example.se", password="hemligt-123")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def mod(moderator):
    return _client(moderator)


def _post(client, page, text, **fields):
    cache.clear()  # the rate limit, which these tests are not about
    return client.post(POST_URL, form_data(client, page, comment=text, **fields))


def _restrict(mod, **data):
    return mod.post(ADD, {"reason": "Upprepade personangrepp", **data})


def _menu_urls(client):
    html = client.get("/admin/").content.decode()
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return re.findall(r'"url": "([^"]*)"', json.dumps(json.loads(props)))


def _entries(action):
    return ModelLogEntry.objects.filter(action=action)


# --- Ban ---------------------------------------------------------------------------------------


def test_ban_from_the_queue_rejects_pending_comments_refuses_posts_and_lifting_restores(
    open_post, reader, other_reader, moderator, mod, django_capture_on_commit_callbacks
):
    waiting = [
        add_comment(open_post, f"Väntar {n}", status=CommentStatus.PENDING, user=reader, email=reader.email)
        for n in range(2)
    ]
    approved = add_comment(open_post, "Redan publicerad", user=reader, email=reader.email)
    unrelated = add_comment(open_post, "Någon annans", status=CommentStatus.PENDING, email="annan@example.se")

    # The queue's row links to the form, prefilled with the comment's commenter.
    html = mod.get(QUEUE).content.decode()
    link = f"{ADD}?comment={waiting[0].pk}"
    assert link in html and "Begränsa kommentatorn" in html
    form = mod.get(link).content.decode()
    assert re.search(rf'<option value="{reader.pk}"[^>]* selected', form)
    assert f'data-source-comment="{waiting[0].pk}"' in form and "Väntar 0" in form

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = mod.post(link, {"kind": "ban", "user": reader.pk, "email": "", "reason": "Hot mot andra läsare"})
    assert answer.status_code == 302
    restriction = CommenterRestriction.objects.get()
    assert (restriction.kind, restriction.user, restriction.created_by) == ("ban", reader, moderator)
    assert restriction.created_at is not None and restriction.is_active
    for comment in waiting:
        comment.refresh_from_db()
        assert comment.status == CommentStatus.REJECTED and comment.moderated_by == moderator
        # The commenter may read this reason (Mitt konto): it says nothing of the ban.
        assert "Hot" not in comment.decision_reason
    approved.refresh_from_db()
    unrelated.refresh_from_db()
    assert approved.status == CommentStatus.APPROVED and unrelated.status == CommentStatus.PENDING
    assert mail.outbox == []  # neither "published" nor "refused"
    entry = _entries("discussion.ban").get()
    assert entry.user == moderator and entry.data["reason"] == "Hot mot andra läsare"
    assert entry.object_id == str(restriction.pk)
    assert sorted(entry.data["rejected_comments"]) == sorted(c.pk for c in waiting)
    assert entry.data["comment_id"] == waiting[0].pk  # the comment it was made from
    # The rejections went through the central decision path, so the decision log has them too.
    rejected = _entries("discussion.reject").filter(object_id__in=[str(c.pk) for c in waiting])
    assert rejected.count() == 2 and {e.user for e in rejected} == {moderator}

    # The banned account's post is refused, neutrally, and nothing is stored.
    banned = _client(reader)
    before = Comment.objects.count()
    answer = _post(banned, open_post, "Jag skriver igen.")
    html = answer.content.decode()
    assert answer.status_code == 403 and REFUSED in html
    assert "avstäng" not in html.lower() and "Hot mot" not in html
    assert Comment.objects.count() == before

    # Positive twin: an unrelated reader posts as usual.
    assert _post(_client(other_reader), open_post, "En annan läsares tanke.").status_code == 303
    assert Comment.objects.filter(comment="En annan läsares tanke.").exists()

    # Lifted (with who, when, why), the same post is accepted.
    answer = mod.post(_lift_url(restriction), {"reason": "Överklagat och prövat på nytt"})
    assert answer.status_code == 302
    restriction.refresh_from_db()
    assert restriction.lifted_by == moderator and restriction.lifted_at is not None and not restriction.is_active
    lifted = _entries("discussion.restriction_lifted").get()
    assert lifted.user == moderator and lifted.data["reason"] == "Överklagat och prövat på nytt"
    assert _post(banned, open_post, "Jag skriver igen.").status_code == 303
    assert Comment.objects.filter(comment="Jag skriver igen.", user=reader).exists()


def test_banned_address_is_refused_whatever_its_case_and_another_address_posts(anonymous_post, mod, moderator):
    assert _restrict(mod, kind="ban", email="Skribent@Example.se").status_code == 302
    assert CommenterRestriction.objects.get().email == "skribent@example.se"
    assert _entries("discussion.ban").get().user == moderator

    client = Client()
    answer = _post(client, anonymous_post, "Anonym igen.", email="SKRIBENT@example.SE", name="Skribent")
    assert answer.status_code == 403 and REFUSED in answer.content.decode()
    assert not Comment.objects.filter(comment="Anonym igen.").exists()

    answer = _post(client, anonymous_post, "Anonym igen.", email="nagon.annan@example.se", name="Skribent")
    assert answer.status_code == 303
    assert Comment.objects.filter(comment="Anonym igen.", user_email="nagon.annan@example.se").exists()


def test_banned_address_also_covers_an_account_with_that_address(open_post, reader, mod):
    assert _restrict(mod, kind="ban", email=reader.email.upper()).status_code == 302
    assert _post(_client(reader), open_post, "Från kontot.").status_code == 403
    assert not Comment.objects.filter(comment="Från kontot.").exists()


def test_banned_account_cannot_post_anonymously_with_its_own_address(anonymous_post, reader, mod):
    assert _restrict(mod, kind="ban", user=reader.pk).status_code == 302
    answer = _post(Client(), anonymous_post, "Utan konto.", email=reader.email.upper(), name="Skribent")
    assert answer.status_code == 403
    assert not Comment.objects.filter(comment="Utan konto.").exists()
    assert _post(Client(), anonymous_post, "Utan konto.", email="ny@example.se", name="Skribent").status_code == 303


# --- Suspension --------------------------------------------------------------------------------


def test_suspension_refuses_until_its_end_then_posting_works_with_no_action(open_post, reader, mod, moderator):
    pending = add_comment(open_post, "Väntar", status=CommentStatus.PENDING, user=reader, email=reader.email)
    answer = _restrict(mod, kind="suspend", user=reader.pk, until=_until(datetime.timedelta(days=1)))
    assert answer.status_code == 302
    pending.refresh_from_db()
    assert pending.status == CommentStatus.REJECTED
    entry = _entries("discussion.suspend").get()
    assert entry.user == moderator and entry.data["reason"] == "Upprepade personangrepp" and entry.data["until"]

    client = _client(reader)
    assert _post(client, open_post, "Under avstängningen.").status_code == 403
    assert not Comment.objects.filter(comment="Under avstängningen.").exists()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=5), tick=True):
        assert _post(client, open_post, "Efter avstängningen.").status_code == 303
        assert Comment.objects.filter(comment="Efter avstängningen.", user=reader).exists()
        restriction = CommenterRestriction.objects.get()
        assert restriction.lifted_at is None and not restriction.is_active
        # Shown as expired, and it can no longer be lifted.
        html = mod.get(LIST + "?state=expired").content.decode()
        assert f'data-restricted="{restriction.pk}"' in html
        assert f'data-lift="{restriction.pk}"' not in html
        assert mod.post(_lift_url(restriction), {"reason": "För sent"}).status_code == 409
        assert not _entries("discussion.restriction_lifted").exists()


# --- Always pre-moderate -----------------------------------------------------------------------


@pytest.fixture
def trusting(comment_settings):
    comment_settings.moderation_policy = "trust_known"
    comment_settings.trusted_after_approved = 1
    comment_settings.save()
    return comment_settings


def test_premoderate_holds_a_trusted_commenters_post_and_lifting_trusts_again(
    open_post, reader, trusting, mod, moderator
):
    add_comment(open_post, "Tidigare godkänd", user=reader, email=reader.email)
    client = _client(reader)
    assert _post(client, open_post, "Publiceras direkt.").status_code == 303
    assert Comment.objects.get(comment="Publiceras direkt.").status == CommentStatus.APPROVED

    assert _restrict(mod, kind="premoderate", user=reader.pk).status_code == 302
    entry = _entries("discussion.premoderate").get()
    assert entry.user == moderator and entry.data["reason"] == "Upprepade personangrepp"
    assert _post(client, open_post, "Hålls nu för granskning.").status_code == 303
    held = Comment.objects.get(comment="Hålls nu för granskning.")
    assert held.status == CommentStatus.PENDING
    assert "alltid granskas" in held.held_because
    assert "alltid granskas" in mod.get(QUEUE).content.decode()

    restriction = CommenterRestriction.objects.get()
    assert mod.post(_lift_url(restriction), {"reason": "Skött sig i ett halvår"}).status_code == 302
    assert _post(client, open_post, "Publiceras direkt igen.").status_code == 303
    assert Comment.objects.get(comment="Publiceras direkt igen.").status == CommentStatus.APPROVED


# --- The form's validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "suspend", "email": "a@example.se"}, "Ange när den tillfälliga avstängningen upphör."),
        ({"kind": "suspend", "email": "a@example.se", "until": "PAST"}, "måste ligga i framtiden"),
        ({"kind": "ban"}, "Välj ett konto eller skriv en e-postadress."),
        ({"kind": "ban", "email": "a@example.se", "reason": "   "}, "Skriv ett skäl till begränsningen."),
        ({"kind": "ban", "email": "inte-en-adress"}, "Fyll i en giltig e-postadress."),
        ({"kind": "ban", "email": "a@example.se", "user": "READER"}, "inte båda"),
        ({"kind": "ban", "user": "EDITOR"}, "kan inte begränsas"),
        ({"kind": "ban", "email": "RED@example.se"}, "kan inte begränsas"),
        ({"kind": "ban", "email": "Kontakt@Testverket.se"}, "kan inte begränsas"),
        ({"kind": "nonsense", "email": "a@example.se"}, "Välj ett giltigt alternativ"),
        ({"kind": "ban", "user": "999999"}, "Välj ett giltigt alternativ"),
    ],
)
def test_bad_restrictions_are_refused_in_swedish_and_nothing_is_stored(site, reader, editor, mod, data, message):
    agency = SiteSettings.for_site(site)
    agency.contact_email = "kontakt@testverket.se"
    agency.save()
    values = {"user": "", "email": "", "until": "", **data}
    values["user"] = {"READER": reader.pk, "EDITOR": editor.pk}.get(values["user"], values["user"])
    if values["until"] == "PAST":
        values["until"] = _until(-datetime.timedelta(hours=1))
    answer = _restrict(mod, **values)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not CommenterRestriction.objects.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="discussion.").exists()

    # Positive twin: a valid restriction of an ordinary reader is stored.
    assert _restrict(mod, kind="ban", email="a@example.se").status_code == 302
    assert CommenterRestriction.objects.count() == 1


def test_a_duplicate_active_restriction_is_refused_and_another_kind_or_after_lifting_is_accepted(reader, mod):
    assert _restrict(mod, kind="ban", user=reader.pk).status_code == 302
    answer = _restrict(mod, kind="ban", user=reader.pk)
    assert answer.status_code == 400 and "redan en begränsning" in answer.content.decode()
    # The account's own address counts as the same commenter.
    assert _restrict(mod, kind="ban", email=reader.email.upper()).status_code == 400
    assert CommenterRestriction.objects.count() == 1

    assert _restrict(mod, kind="premoderate", user=reader.pk).status_code == 302
    ban = CommenterRestriction.objects.get(kind="ban")
    assert mod.post(_lift_url(ban), {"reason": "Misstag"}).status_code == 302
    assert _restrict(mod, kind="ban", user=reader.pk).status_code == 302
    assert CommenterRestriction.objects.filter(kind="ban").count() == 2


# --- Forged ids, lifting twice, missing reason ---------------------------------------------------


def test_forged_ids_and_lifts_are_4xx_and_change_nothing(anonymous_post, mod):
    comment = add_comment(anonymous_post, "Väntar", status=CommentStatus.PENDING, email="x@example.se")
    for value in ("abc", "-1", "99999999999", "999999", "1 OR 1=1"):
        assert mod.get(ADD, {"comment": value}).status_code == 404, value
    assert mod.get(f"{LIST}999999/hav/").status_code == 404
    assert mod.post(f"{LIST}99999999999/hav/", {"reason": "x"}).status_code == 404

    assert _restrict(mod, kind="ban", email="x@example.se").status_code == 302
    restriction = CommenterRestriction.objects.get()
    answer = mod.post(_lift_url(restriction), {"reason": "  "})
    assert answer.status_code == 400 and "Skriv varför begränsningen hävs." in answer.content.decode()
    restriction.refresh_from_db()
    assert restriction.is_active

    # Positive twin, then a second lift of the same restriction is refused and not logged again.
    assert mod.get(ADD, {"comment": comment.pk}).status_code == 200
    assert mod.post(_lift_url(restriction), {"reason": "Prövat igen"}).status_code == 302
    assert mod.post(_lift_url(restriction), {"reason": "Igen"}).status_code == 409
    assert _entries("discussion.restriction_lifted").count() == 1

    # Generic edit and delete views exist on the viewset but refuse everyone: a decision is lifted.
    assert mod.get(f"{LIST}edit/{restriction.pk}/").status_code in (302, 403)
    assert mod.post(f"{LIST}delete/{restriction.pk}/").status_code in (302, 403)
    assert CommenterRestriction.objects.filter(pk=restriction.pk).exists()


# --- Who may -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["reader", "editor", "anonymous"])
def test_only_moderators_reach_the_restrictions(who, reader, editor, anonymous_post, mod):
    target = add_comment(anonymous_post, "Väntar", status=CommentStatus.PENDING, email="x@example.se")
    assert _restrict(mod, kind="premoderate", email="y@example.se").status_code == 302
    restriction = CommenterRestriction.objects.get()
    client = {"reader": _client(reader), "editor": _client(editor), "anonymous": Client()}[who]

    for url in (LIST, ADD, f"{ADD}?comment={target.pk}", _lift_url(restriction)):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(ADD, {"kind": "ban", "email": "x@example.se", "reason": "Nej"}).status_code in (302, 403)
    assert client.post(_lift_url(restriction), {"reason": "Nej"}).status_code in (302, 403)
    assert CommenterRestriction.objects.count() == 1
    restriction.refresh_from_db()
    assert restriction.is_active
    target.refresh_from_db()
    assert target.status == CommentStatus.PENDING
    if who == "editor":
        assert QUEUE not in _menu_urls(client) and LIST not in _menu_urls(client)


def test_moderator_lists_filters_and_searches_restrictions_within_a_query_budget(
    reader, other_reader, mod, django_assert_max_num_queries
):
    assert _restrict(mod, kind="ban", user=reader.pk, reason="Hot").status_code == 302
    assert _restrict(mod, kind="premoderate", email="skribent@example.se", reason="Reklamlänkar").status_code == 302
    assert _restrict(mod, kind="premoderate", user=other_reader.pk, reason="Trakasserier").status_code == 302
    assert mod.post(_lift_url(CommenterRestriction.objects.get(reason="Trakasserier")), {"reason": "Ok"}).status_code
    for n in range(10):
        _restrict(mod, kind="ban", email=f"spam{n}@example.se", reason="Skräp")

    assert LIST in _menu_urls(mod)

    def listed(query=""):
        html = mod.get(LIST + query).content.decode()
        return {int(pk) for pk in re.findall(r'data-restricted="(\d+)"', html)}

    ids = {r.reason: r.pk for r in CommenterRestriction.objects.exclude(reason="Skräp")}
    assert len(listed()) == 13
    assert listed("?kind=premoderate") == {ids["Reklamlänkar"], ids["Trakasserier"]}
    assert listed("?state=lifted") == {ids["Trakasserier"]}
    assert ids["Trakasserier"] not in listed("?state=active")
    assert listed("?q=skribent") == {ids["Reklamlänkar"]}
    assert listed(f"?q={reader.username}") == {ids["Hot"]}
    html = mod.get(LIST).content.decode()
    assert "Gäller" in html and "Hävd" in html and "Häv" in html

    with django_assert_max_num_queries(25):
        assert mod.get(LIST).status_code == 200
