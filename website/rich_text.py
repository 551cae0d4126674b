"""Links that open in a new window, and saying so to every reader.

In the editor, the link dialog (internal and external links) has a checkbox "Öppnas i nytt
fönster" (static/website/js/new-window-link.js); the choice is the link entity's `newWindow`.
It is stored as `<span class="new-window">` around the link text, inside the `<a>`: Wagtail's
page links are rewritten on output and keep no attribute of ours, a span inside them survives.
On output, every link holding such a span gets `target="_blank" rel="noopener"` and a visible
"(öppnas i nytt fönster)".
"""

from bs4 import BeautifulSoup
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.contentstate import link_entity

NEW_WINDOW_CLASS = "new-window"


def link_entity_with_new_window(props):
    """Wagtail's link entity to the database format, with the new-window marker when chosen."""
    if props.get("newWindow"):
        props = {**props, "children": DOM.create_element("span", {"class": NEW_WINDOW_CLASS}, props["children"])}
    return link_entity(props)


class NewWindowMarkerHandler:
    """`<span class="new-window">` inside a link, from the database to the editor: the link's
    entity gets `newWindow`, so the dialog's checkbox shows it ticked. Outside a link it is dropped."""

    def handle_starttag(self, name, attrs, state, contentstate):
        if state.current_entity_ranges:
            entity = contentstate.entity_map[state.current_entity_ranges[-1].key]
            if entity.entity_type == "LINK":
                entity.data["newWindow"] = True

    def handle_endtag(self, name, state, contentstate):
        pass


def new_window_notice():
    return _("(öppnas i nytt fönster)")


def mark_new_window_links(html):
    html = str(html)
    if NEW_WINDOW_CLASS not in html:
        return mark_safe(html)  # noqa: S308 - input is already rendered rich text
    soup = BeautifulSoup(html, "html.parser")
    for marker in soup.select(f"span.{NEW_WINDOW_CLASS}"):
        link = marker.find_parent("a")
        marker.unwrap()
        if link is None or link.get("target") == "_blank":
            continue
        link["target"] = "_blank"
        link["rel"] = "noopener"
        notice = soup.new_tag("span", attrs={"class": "new-window-notice"})
        notice.string = f" {new_window_notice()}"
        link.append(notice)
    return mark_safe(str(soup))  # noqa: S308
