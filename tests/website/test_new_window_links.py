"""Links that open a new window say so in their text, in rich text and in the call-to-action block."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from website.blocks import RICH_TEXT_FEATURES, CallToActionBlock, RichTextBlock
from website.rich_text import NEW_WINDOW_CLASS
from website.templatetags.website_tags import rich_text

NOTICE = "(öppnas i nytt fönster)"
MARKED = '<p>Läs mer: <a href="https://example.se"><span class="new-window">om caféerna</span></a>.</p>'


def only_link(html):
    links = BeautifulSoup(str(html), "html.parser").find_all("a")
    assert len(links) == 1
    return links[0]


def test_marked_link_in_rich_text_opens_new_window_and_says_so():
    link = only_link(rich_text(MARKED))

    assert link["href"] == "https://example.se"
    assert link["target"] == "_blank"
    assert link["rel"] == ["noopener"]
    assert NOTICE in link.get_text()
    assert link.get_text().startswith("om caféerna")
    assert not link.select("span.new-window"), "the editor's marker is not left in the output"


def test_unmarked_link_stays_in_same_window():
    link = only_link(rich_text('<p><a href="https://example.se">om caféerna</a></p>'))

    assert not link.has_attr("target")
    assert NOTICE not in link.get_text()


def test_marker_outside_a_link_is_dropped_without_notice():
    html = str(rich_text('<p><span class="new-window">ingen länk</span></p>'))

    assert "ingen länk" in html
    assert NOTICE not in html
    assert "new-window" not in html


def test_several_marked_links_each_get_one_notice():
    html = str(rich_text(MARKED + MARKED.replace("example.se", "example.org")))

    soup = BeautifulSoup(html, "html.parser")
    assert [link.get_text().count(NOTICE) for link in soup.find_all("a")] == [1, 1]


def test_rich_text_block_renders_marked_link_with_notice():
    block = RichTextBlock(features=RICH_TEXT_FEATURES)
    link = only_link(block.render(block.to_python(MARKED)))

    assert link["target"] == "_blank"
    assert NOTICE in link.get_text()


@pytest.mark.django_db
@pytest.mark.parametrize("new_window", [True, False])
def test_call_to_action_says_when_it_opens_new_window(new_window):
    block = CallToActionBlock()
    value = block.to_python({"text": "Anmäl dig", "url": "https://example.se/", "open_in_new_window": new_window})
    link = only_link(block.render(value))

    assert link["href"] == "https://example.se/"
    assert (link.get("target") == "_blank") is new_window
    assert (link.get("rel") == ["noopener"]) is new_window
    assert (NOTICE in link.get_text()) is new_window


def test_marked_link_opens_in_the_editor_with_the_new_window_choice_ticked():
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)

    contentstate = json.loads(converter.from_database_format(MARKED))
    block = contentstate["blocks"][0]
    assert block["text"] == "Läs mer: om caféerna."
    assert block["inlineStyleRanges"] == []
    [entity] = contentstate["entityMap"].values()
    assert entity["type"] == "LINK"
    assert entity["data"] == {"url": "https://example.se", "newWindow": True}

    stored = converter.to_database_format(json.dumps(contentstate))
    assert '<span class="new-window">om caféerna</span>' in stored
    link = only_link(rich_text(stored))
    assert link["target"] == "_blank" and NOTICE in link.get_text()


def test_link_without_the_choice_is_stored_plain():
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    contentstate = json.loads(converter.from_database_format('<p><a href="https://example.se">om caféerna</a></p>'))
    [entity] = contentstate["entityMap"].values()
    assert "newWindow" not in entity["data"]

    stored = converter.to_database_format(json.dumps(contentstate))
    assert NEW_WINDOW_CLASS not in stored
    assert not only_link(rich_text(stored)).has_attr("target")


@pytest.mark.django_db
def test_internal_link_keeps_the_new_window_choice(home_page):
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    html = f'<p><a linktype="page" id="{home_page.pk}"><span class="new-window">startsidan</span></a></p>'

    contentstate = json.loads(converter.from_database_format(html))
    [entity] = contentstate["entityMap"].values()
    assert entity["data"]["id"] == home_page.pk and entity["data"]["newWindow"] is True

    stored = converter.to_database_format(json.dumps(contentstate))
    assert f'<a linktype="page" id="{home_page.pk}"><span class="new-window">startsidan</span></a>' in stored
    link = only_link(rich_text(stored))
    assert link["href"] == home_page.url
    assert link["target"] == "_blank" and NOTICE in link.get_text()


def test_the_link_dialog_offers_the_new_window_checkbox_not_a_toolbar_button():
    from wagtail.rich_text import features

    plugin = features.get_editor_plugin("draftail", "link")
    assert plugin.data["newWindowLabel"] == "Öppnas i nytt fönster"
    assert "website/js/new-window-link.js" in plugin.js
    assert "newWindow" in plugin.data["attributes"]
    assert features.get_editor_plugin("draftail", "new-window") is None
    assert "new-window" not in RICH_TEXT_FEATURES
