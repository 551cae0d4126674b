"""A reader signs up for e-mail alerts, confirms, gets exactly what matches, and unsubscribes in one request."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from subscriptions import personal_data
from subscriptions.models import SentAlert, Subscription
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, make_post
from tests.factories import publish


@pytest.fixture
def blog_index(home_page):
    return publish(BlogIndexPageFactory(parent=home_page, slug="blogg", title="Blogg"))


@pytest.fixture
def author(db, media_root):
    return AuthorFactory(name="Karin Exempelsson", slug="karin-exempelsson")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run `action` as if its request or publish had committed: what it queues is sent."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def sign_up(client, committed, email="lasare@example.se", **choices):
    data = {"email": email, "content_types": ["blogg"], "frequency": "direkt", **choices}
    return committed(client.post, "/prenumerera/", data)


def link_in(message, kind):
    found = re.search(rf"http://testserver(/prenumerera/{kind}/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def confirm(client, committed, email="lasare@example.se", **choices):
    mail.outbox.clear()
    response = sign_up(client, committed, email, **choices)
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [email]
    assert message.subject == "Bekräfta din prenumeration"
    response = client.get(link_in(message, "bekrafta"))
    assert response.status_code == 200
    assert "Prenumerationen är klar" in response.text
    mail.outbox.clear()
    return Subscription.objects.get(email=email)


def post(committed, blog_index, author, title, **fields):
    return committed(make_post, blog_index, title=title, authors=[author], **fields)


def test_subscribe_confirm_alert_unsubscribe(client, committed, blog_index, author):
    # Before confirming, nothing is sent.
    response = sign_up(client, committed, topics=[])
    assert response["Location"] == "/prenumerera/tack/"
    [confirmation] = mail.outbox
    mail.outbox.clear()
    post(committed, blog_index, author, "Före bekräftelsen")
    assert mail.outbox == []

    client.get(link_in(confirmation, "bekrafta"))
    confirm(client, committed, "annan@example.se", content_types=["kalender"])
    post(committed, blog_index, author, "Bredband i byn", lead="Så fick byn fiber.")

    [alert] = mail.outbox
    assert alert.to == ["lasare@example.se"]
    assert "Bredband i byn" in alert.body and "Före bekräftelsen" not in alert.body
    assert "http://testserver/blogg/bredband-i-byn/" in alert.body
    assert alert.from_email.startswith("Myndigheten")
    html = alert.alternatives[0][0]
    assert '<a href="http://testserver/blogg/bredband-i-byn/">Bredband i byn</a>' in html
    unsubscribe_path = link_in(alert, "avsluta")
    assert alert.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe_path}>"
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_in(alert, "andra")

    # A link scanner's GET changes nothing; the one-click POST unsubscribes, and again is the same.
    assert client.get(unsubscribe_path).status_code == 200
    assert Subscription.objects.filter(email="lasare@example.se").exists()
    response = client.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Du prenumererar inte längre" in response.text
    assert not Subscription.objects.filter(email="lasare@example.se").exists()
    assert client.post(unsubscribe_path).status_code == 200

    mail.outbox.clear()
    post(committed, blog_index, author, "Efter avslutet")
    assert mail.outbox == []


def test_topics_narrow_what_is_sent(client, committed, blog_index, author):
    post(committed, blog_index, author, "Gammalt om unga", tag_names=["unga"])
    post(committed, blog_index, author, "Gammalt om service", tag_names=["service"])
    confirm(client, committed, "unga@example.se", topics=["unga"])
    confirm(client, committed, "allt@example.se")

    post(committed, blog_index, author, "Nytt om unga", tag_names=["unga"])
    post(committed, blog_index, author, "Nytt om service", tag_names=["service"])

    by_address = {}
    for message in mail.outbox:
        by_address.setdefault(message.to[0], []).append(message.body)
    assert len(by_address["unga@example.se"]) == 1
    assert "Nytt om unga" in by_address["unga@example.se"][0]
    assert not any("service" in body for body in by_address["unga@example.se"])
    assert sum("Nytt om service" in body for body in by_address["allt@example.se"]) == 1
    assert not any("Gammalt" in body for bodies in by_address.values() for body in bodies)


def test_republishing_never_sends_a_page_twice(client, committed, blog_index, author):
    confirm(client, committed)
    page = post(committed, blog_index, author, "En gång")
    page.title = "En gång, rättad"
    committed(publish, page)

    assert len(mail.outbox) == 1
    assert SentAlert.objects.count() == 1


def test_private_and_unpublished_pages_are_never_sent(client, committed, blog_index, author):
    confirm(client, committed)
    committed(make_post, blog_index, title="Utkast", authors=[author], publish_now=False, live=False)
    private_index = publish(BlogIndexPageFactory(parent=blog_index.get_parent(), slug="intern", title="Intern"))
    PageViewRestriction.objects.create(page=private_index, restriction_type=PageViewRestriction.LOGIN)
    post(committed, private_index, author, "Hemligt")

    assert mail.outbox == []


def test_weekly_digest_holds_each_page_once(client, committed, blog_index, author):
    confirm(client, committed, frequency="vecka")
    first = post(committed, blog_index, author, "Första")
    post(committed, blog_index, author, "Andra")
    first.title = "Första, uppdaterad"
    committed(publish, first)
    assert mail.outbox == []  # weekly: nothing until the digest

    committed(call_command, "send_alert_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = mail.outbox
    assert digest.subject.startswith("Veckans nyheter: 2 nya sidor")
    assert digest.body.count("Första") == 1 and digest.body.count("Andra") == 1

    committed(call_command, "send_alert_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_expired_and_forged_confirmation_links_get_a_swedish_400(client, committed, blog_index):
    sign_up(client, committed)
    path = link_in(mail.outbox[0], "bekrafta")

    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        expired = client.get(path)
    forged = client.get(path[:-6] + "xxxxx/")

    assert expired.status_code == 400
    assert "Länken har gått ut" in expired.text
    assert forged.status_code == 400
    assert "Länken fungerar inte" in forged.text
    assert Subscription.objects.get().confirmed_at is None
    # An unsubscribe link can't be made from a confirmation link.
    assert client.post(path.replace("bekrafta", "avsluta")).status_code == 400
    assert Subscription.objects.count() == 1
    # Its positive twin: within 7 days the link works.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6)):
        assert client.get(path).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None


def test_the_form_answers_the_same_for_a_known_address(client, committed, blog_index):
    confirm(client, committed)
    known = sign_up(client, committed, content_types=["exempel"])
    new = sign_up(client, committed, "ny@example.se")

    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    already, confirmation = mail.outbox
    assert already.subject == "Du prenumererar redan"
    assert "/prenumerera/andra/" in already.body
    assert confirmation.subject == "Bekräfta din prenumeration"
    # The known subscription's choices are not changed by someone who only knows the address.
    assert Subscription.objects.get(email="lasare@example.se").content_types == ["blogg"]


def test_manage_link_changes_choices(client, committed, blog_index):
    subscription = confirm(client, committed)
    sign_up(client, committed)
    path = link_in(mail.outbox[0], "andra")

    page = client.get(path)
    assert page.status_code == 200
    response = client.post(path, {"content_types": ["blogg", "kalender"], "frequency": "vecka"})

    assert response.status_code == 200
    assert "Dina val är sparade" in response.text
    subscription.refresh_from_db()
    assert subscription.content_types == ["blogg", "kalender"]
    assert subscription.frequency == "vecka"
    bad = client.post(path, {"content_types": ["finns-inte"], "frequency": "vecka"})
    assert bad.status_code == 400
    subscription.refresh_from_db()
    assert subscription.content_types == ["blogg", "kalender"]


def test_unconfirmed_sign_ups_are_deleted_after_7_days(client, committed, blog_index):
    sign_up(client, committed, "gammal@example.se")
    confirm(client, committed, "bekraftad@example.se")
    Subscription.objects.filter(email="gammal@example.se").update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    sign_up(client, committed, "farsk@example.se")

    call_command("purge_unconfirmed_subscriptions", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert sorted(Subscription.objects.values_list("email", flat=True)) == ["bekraftad@example.se", "farsk@example.se"]


def test_subscriptions_are_in_export_and_erasure(client, committed, blog_index, author, django_user_model):
    subscription = confirm(client, committed, "Lasare@example.se")
    post(committed, blog_index, author, "Skickad")
    user = django_user_model.objects.create_user("lasare", "lasare@example.se", "x")

    exported = personal_data.export(user)
    assert exported["subscriptions"][0]["email"] == "Lasare@example.se"
    assert len(exported["subscriptions"][0]["pages_sent"]) == 1
    assert personal_data.erase(email="annan@example.se") == 0
    personal_data.erase(user)
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
