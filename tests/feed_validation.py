"""An offline stand-in for the W3C Feed Validator, for the site's RSS 2.0 feeds.

The W3C validator (validator.w3.org/feed) is a web service, neither on PyPI nor on npm, so the
tests cannot run it. `rss_problems()` checks what it checks for an RSS 2.0 feed that this site can
produce, and returns its findings as a list of messages: a feed is clean when the list is empty
("0 messages"). `assert_valid_rss()` adds feedparser's verdict (no bozo flag) and the HTTP side.

Checked, after the validator's RSS 2.0 and Atom-in-RSS rules:
- the XML: well-formed, UTF-8 declared and served as such, no DTD or entity declarations; the only
  processing instruction before the root is `xml-stylesheet` (text/xsl or text/css, with an href);
- `<rss version="2.0">` with exactly one `<channel>`; only elements RSS 2.0 defines (or elements in a
  namespace the validator knows: atom, dc, content) in the channel and its items, each singleton
  element at most once;
- channel: non-empty title, link and description; link an absolute http(s) URL; `language` a valid
  language code (RFC 1766 shape, primary subtag a known ISO 639 code); `ttl` an integer;
- every date (`pubDate`, `lastBuildDate`) in RFC 822 form with a four-digit year and a zone,
  plausible (not before 1995, not in the future);
- `atom:link rel="self"`: exactly one, an absolute URL equal to the address the feed was fetched
  from without a query string, and `type="application/rss+xml"` if a type is given;
- items: a title or a description; link and guid absolute URLs (guid unless isPermaLink="false");
  guids and links unique in the feed; no empty category; `author` an e-mail address, `dc:creator`
  not empty;
- text: no HTML markup in titles; descriptions (HTML by RSS's definition) carry no potentially
  dangerous content (script, iframe, object, embed, form, style, `on…` attributes, javascript:
  URLs) and no relative URLs.

Not checked (the feeds cannot produce them, or they are judgement calls): enclosures, `<image>`,
`<textInput>`, `<cloud>`, `skipHours`/`skipDays`, `content:encoded` HTML validity and the
validator's "interoperability" hints about feed size.
"""

import email.utils
import re
from urllib.parse import urlsplit

import feedparser
from django.conf.locale import LANG_INFO
from django.utils import timezone
from lxml import etree, html

ATOM = "http://www.w3.org/2005/Atom"
KNOWN_NAMESPACES = {ATOM, "http://purl.org/dc/elements/1.1/", "http://purl.org/rss/1.0/modules/content/"}

CHANNEL_ELEMENTS = {
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
    "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image", "rating", "textInput",
    "skipHours", "skipDays", "item",
}  # fmt: skip
CHANNEL_REPEATABLE = {"category", "item"}
ITEM_ELEMENTS = {
    "title",
    "link",
    "description",
    "author",
    "category",
    "comments",
    "enclosure",
    "guid",
    "pubDate",
    "source",
}
ITEM_REPEATABLE = {"category"}

# RFC 822 (section 5), as RSS 2.0 asks, with the four-digit year the validator insists on.
RFC822_DATE = re.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z])$"
)
LANGUAGE_CODE = re.compile(r"^([a-z]{2,3})(-[a-zA-Z0-9]{1,8})*$")
EMAIL_IN_AUTHOR = re.compile(r"^[^@\s()]+@[^@\s()]+\.[^@\s()]+( \(.+\))?$")
DANGEROUS_ELEMENTS = {"script", "iframe", "object", "embed", "form", "style", "meta", "link", "applet", "frame"}
HTML_TAG = re.compile(r"</?(?:a|b|i|em|strong|p|br|div|span|img|ul|ol|li|h[1-6]|script|iframe)\b[^>]*>", re.I)


def _absolute(url):
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _local(element):
    return etree.QName(element).localname if etree.QName(element).namespace is None else None


def _check_date(problems, where, text):
    if not RFC822_DATE.match(text or ""):
        problems.append(f"{where}: not an RFC 822 date: {text!r}")
        return
    moment = email.utils.parsedate_to_datetime(text)
    if moment.year < 1995 or moment > timezone.now() + timezone.timedelta(days=1):
        problems.append(f"{where}: implausible date {text!r}")


def _check_children(problems, where, parent, allowed, repeatable):
    seen = set()
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        namespace = etree.QName(child).namespace
        if namespace is not None:
            if namespace not in KNOWN_NAMESPACES:
                problems.append(f"{where}: element in an unknown namespace: {child.tag}")
            continue
        name = child.tag
        if name not in allowed:
            problems.append(f"{where}: undefined element <{name}>")
        elif name in seen and name not in repeatable:
            problems.append(f"{where}: <{name}> more than once")
        seen.add(name)


def _check_description_html(problems, where, text):
    if not text or not text.strip():
        return
    fragment = html.fragment_fromstring(text, create_parent="div")
    for element in fragment.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in DANGEROUS_ELEMENTS:
            problems.append(f"{where}: potentially dangerous content <{element.tag}>")
        for attribute, value in element.attrib.items():
            if attribute.lower().startswith("on"):
                problems.append(f"{where}: potentially dangerous attribute {attribute}")
            if attribute in ("href", "src") and value.strip().lower().startswith("javascript:"):
                problems.append(f"{where}: javascript: URL")
            elif attribute in ("href", "src") and not _absolute(value):
                problems.append(f"{where}: relative URL {value!r}")


def rss_problems(content, fetched_url):
    """The validator's findings for an RSS 2.0 document fetched from `fetched_url`; [] when clean."""
    problems = []
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        problems.append("document type or entity declarations")
    declaration = re.match(rb'<\?xml version="1\.0" encoding="([^"]+)"\?>', content)
    if not declaration or declaration.group(1).lower() != b"utf-8":
        problems.append("no XML declaration with encoding utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        return [*problems, f"not well-formed XML: {error}"]

    for node in root.itersiblings(preceding=True):
        if node.tag is etree.PI and node.target == "xml-stylesheet":
            if node.get("type") not in ("text/xsl", "text/css") or not node.get("href"):
                problems.append(f"xml-stylesheet without a known type or an href: {node.text!r}")
        elif node.tag is not etree.Comment:
            problems.append(f"unexpected node before the root: {node!r}")

    if root.tag != "rss" or root.get("version") != "2.0":
        return [*problems, f"root is {root.tag} version {root.get('version')}, not rss 2.0"]
    channels = root.findall("channel")
    if len(channels) != 1:
        return [*problems, f"{len(channels)} channel elements"]
    channel = channels[0]
    _check_children(problems, "channel", channel, CHANNEL_ELEMENTS, CHANNEL_REPEATABLE)

    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel: missing or empty <{name}>")
    if channel.findtext("link") and not _absolute(channel.findtext("link")):
        problems.append(f"channel: link is not an absolute URL: {channel.findtext('link')!r}")
    if HTML_TAG.search(channel.findtext("title") or ""):
        problems.append("channel: title contains HTML")
    language = channel.findtext("language")
    if language is not None:
        match = LANGUAGE_CODE.match(language)
        if not match or match.group(1) not in LANG_INFO:
            problems.append(f"channel: invalid language {language!r}")
    for name in ("pubDate", "lastBuildDate"):
        if channel.find(name) is not None:
            _check_date(problems, f"channel {name}", channel.findtext(name))
    if channel.find("ttl") is not None and not (channel.findtext("ttl") or "").isdigit():
        problems.append("channel: ttl is not an integer")
    _check_description_html(problems, "channel description", channel.findtext("description"))

    expected_self = fetched_url.split("?", 1)[0]
    self_links = [link for link in channel.findall(f"{{{ATOM}}}link") if link.get("rel") == "self"]
    if len(self_links) != 1:
        problems.append(f"{len(self_links)} atom:link rel=self elements")
    for link in self_links:
        if link.get("href") != expected_self:
            problems.append(f"self reference {link.get('href')!r} does not match the location {expected_self!r}")
        if link.get("type") not in (None, "application/rss+xml"):
            problems.append(f"atom:link rel=self has type {link.get('type')!r}")

    guids, links = set(), set()
    for number, item in enumerate(channel.findall("item"), start=1):
        where = f"item {number}"
        _check_children(problems, where, item, ITEM_ELEMENTS, ITEM_REPEATABLE)
        title, description = item.findtext("title"), item.findtext("description")
        if not (title or "").strip() and not (description or "").strip():
            problems.append(f"{where}: neither title nor description")
        if HTML_TAG.search(title or ""):
            problems.append(f"{where}: title contains HTML")
        _check_description_html(problems, f"{where} description", description)
        link = item.findtext("link")
        if link is not None:
            if not _absolute(link):
                problems.append(f"{where}: link is not an absolute URL: {link!r}")
            if link in links:
                problems.append(f"{where}: link {link!r} twice in the feed")
            links.add(link)
        guid = item.find("guid")
        if guid is None:
            problems.append(f"{where}: no guid")
        else:
            if guid.get("isPermaLink", "true") == "true" and not _absolute(guid.text):
                problems.append(f"{where}: guid must be a full URL unless isPermaLink is false: {guid.text!r}")
            if guid.text in guids:
                problems.append(f"{where}: guid {guid.text!r} twice in the feed")
            guids.add(guid.text)
        if item.find("pubDate") is not None:
            _check_date(problems, f"{where} pubDate", item.findtext("pubDate"))
        for category in item.findall("category"):
            if not (category.text or "").strip():
                problems.append(f"{where}: empty category")
        for author in item.findall("author"):
            if not EMAIL_IN_AUTHOR.match(author.text or ""):
                problems.append(f"{where}: author is not an e-mail address: {author.text!r}")
        for creator in item.findall("{http://purl.org/dc/elements/1.1/}creator"):
            if not (creator.text or "").strip():
                problems.append(f"{where}: empty dc:creator")
    return problems


def assert_valid_rss(response, fetched_url):
    """The response is an RSS 2.0 feed with 0 validator messages that feedparser reads cleanly."""
    assert response.status_code == 200, fetched_url
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    problems = rss_problems(response.content, fetched_url)
    assert problems == [], problems
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed
