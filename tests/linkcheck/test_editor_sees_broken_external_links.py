"""The nightly check asks every external address on the site's pages once, and the editor finds the
broken ones in "Rapporter › Trasiga länkar" with the page, the link text, the address, the reason and
since when; a link that works again leaves the report."""

import datetime
import json

import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command

from linkcheck.models import BrokenLink
from tests.linkcheck.helpers import page_with_links, report_rows

NIGHT = datetime.datetime(2026, 11, 30, 2, 30, tzinfo=datetime.UTC)


def links_page(home_page, base):
    return page_with_links(
        home_page,
        "Stöd till byalag",
        f'<p><a href="{base}/ok">Länsstyrelsen</a>, <a href="{base}/saknas">Bidragsregler</a>, '
        f'<a href="{base}/langsam">Långsamma kommunen</a>, <a href="{base}/slinga">Snurrsidan</a>, '
        f'<a href="{base}/flyttad">Flyttad sida</a>, <a href="{base}/bara-get">Gammal server</a>.</p>',
    )


def test_editor_sees_each_broken_external_link_with_page_text_reason_and_date(client, home_page, link_server, editor):
    links_page(home_page, link_server.base)
    with time_machine.travel(NIGHT, tick=True):
        call_command("check_links", stdout=open("/dev/null", "w"))  # noqa: SIM115

    client.force_login(editor)
    rows = report_rows(client)
    base = link_server.base
    assert sorted(rows) == [f"{base}/langsam", f"{base}/saknas", f"{base}/slinga"]
    assert rows[f"{base}/saknas"] == {
        "Sida": "Stöd till byalag",
        "Länktext": "Bidragsregler",
        "Adress": f"{base}/saknas",
        "Fel": "Servern svarade 404 Not Found",
        "Trasig sedan": rows[f"{base}/saknas"]["Trasig sedan"],
        "Senast kontrollerad": rows[f"{base}/saknas"]["Senast kontrollerad"],
    }
    assert rows[f"{base}/langsam"]["Fel"] == "Inget svar inom 1 sekund"
    assert rows[f"{base}/slinga"]["Fel"] == "För många omdirigeringar (omdirigeringsslinga)"
    assert rows[f"{base}/slinga"]["Länktext"] == "Snurrsidan"
    saknas = BrokenLink.objects.get(url=f"{base}/saknas")
    assert saknas.status_code == 404 and saknas.first_seen_at.date() == NIGHT.date()
    # Working links (200, a redirect to a working page, a server that only refuses HEAD) are not listed.
    assert not BrokenLink.objects.filter(url__in=[f"{base}/ok", f"{base}/flyttad", f"{base}/bara-get"]).exists()


def test_a_link_stays_broken_since_the_first_night_and_leaves_the_report_when_fixed(
    client, home_page, link_server, editor
):
    page = links_page(home_page, link_server.base)
    base = link_server.base
    with time_machine.travel(NIGHT, tick=True):
        call_command("check_links", "--internal-only", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert not BrokenLink.objects.exists(), "--internal-only asks no other site"
        call_command("check_links", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with time_machine.travel(NIGHT + datetime.timedelta(days=1), tick=True):
        call_command("check_links", stdout=open("/dev/null", "w"))  # noqa: SIM115
    saknas = BrokenLink.objects.get(url=f"{base}/saknas")
    assert saknas.first_seen_at.date() == NIGHT.date()
    assert saknas.last_checked_at.date() == (NIGHT + datetime.timedelta(days=1)).date()

    # The editor fixes one link; the next night it is gone from the report, the others stay.
    body = page.body.raw_data
    body[0]["value"] = body[0]["value"].replace(f"{base}/saknas", f"{base}/ok/bidrag")
    page.body = body
    from tests import factories

    factories.publish(page)
    with time_machine.travel(NIGHT + datetime.timedelta(days=2), tick=True):
        call_command("check_links", stdout=open("/dev/null", "w"))  # noqa: SIM115

    client.force_login(editor)
    rows = report_rows(client)
    assert f"{base}/saknas" not in rows
    assert sorted(rows) == [f"{base}/langsam", f"{base}/slinga"]


def test_the_report_filters_by_kind_and_address(client, home_page, link_server, editor):
    links_page(home_page, link_server.base)
    call_command("check_links", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.force_login(editor)

    assert sorted(report_rows(client, "?url=saknas")) == [f"{link_server.base}/saknas"]
    assert report_rows(client, "?kind=internal") == {}
    assert len(report_rows(client, "?kind=external")) == 3


def test_readers_page_loads_ask_no_other_site(client, home_page, link_server):
    page = links_page(home_page, link_server.base)
    assert client.get(page.url).status_code == 200
    assert link_server.requests == []
    assert not BrokenLink.objects.exists()


def test_the_report_is_for_editors_only(client, home_page, link_server, editor):
    from tests import factories

    links_page(home_page, link_server.base)
    call_command("check_links", stdout=open("/dev/null", "w"))  # noqa: SIM115

    moderator = factories.UserFactory(username="moderator", groups=["Moderatorer"])
    client.force_login(moderator)
    assert client.get("/admin/rapporter/trasiga-lankar/").status_code in (302, 403)

    client.force_login(editor)
    assert ("Trasiga länkar", "/admin/rapporter/trasiga-lankar/") in reports_menu(client)
    export = client.get("/admin/rapporter/trasiga-lankar/?export=csv")
    assert export.status_code == 200
    assert "Bidragsregler" in export.getvalue().decode()

    client.force_login(moderator)
    assert ("Trasiga länkar", "/admin/rapporter/trasiga-lankar/") not in reports_menu(client)


def reports_menu(client):
    """(label, url) of every item under "Rapporter" in the admin's sidebar."""
    response = client.get("/admin/")
    if response.status_code != 200:
        return []
    props = BeautifulSoup(response.content, "html.parser").find(id="wagtail-sidebar-props")
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "label" in node and "url" in node:
                found.append((node["label"], node["url"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.string))
    return found
