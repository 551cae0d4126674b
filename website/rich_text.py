"""External links that open in a new window, and saying so to every reader.

Draftail stores a link as an entity and cannot carry a `target`. Editors mark the link
text with the "new window" inline style instead, stored as
`<span class="new-window">`; on output, every link holding such a span gets
`target="_blank" rel="noopener"` and a visible "(öppnas i nytt fönster)".
"""

from bs4 import BeautifulSoup
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

NEW_WINDOW_CLASS = "new-window"


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
