from collections import namedtuple

from django import template
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from caching import memo, tags
from website.restrictions import public
from website.rich_text import mark_new_window_links, new_window_notice

register = template.Library()


@register.filter
def rich_text(value):
    """Wagtail's |richtext, plus the new-window treatment of marked links."""
    source = getattr(value, "source", value)
    if source is None:
        return ""
    return mark_new_window_links(expand_db_html(str(source)))


@register.simple_tag
def new_window_text():
    return new_window_notice()


MenuItem = namedtuple("MenuItem", ["pk", "title", "url_path", "menu_url"])
Crumb = namedtuple("Crumb", ["id", "title", "crumb_url"])


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's live children marked "show in menus": tagged `menu` (see caching.invalidation),
    and remembered per site between readers' requests (caching.memo)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def items():
        with tags.scope(tags.MENU_TAG):
            pages = public(Page.objects.child_of(site.root_page).live().in_menu()).only("id", "title", "url_path")
            # Paths relative to this site, as for every request to it.
            return tuple(MenuItem(page.pk, page.title, page.url_path, page.get_url(request=request)) for page in pages)

    return memo.remember(("main_menu", site.pk), items)


@register.simple_tag(takes_context=True)
def menu_current(context, item):
    """aria-current for a menu item: "page" on the item itself, "true" inside its section."""
    page = context.get("page")
    if page is None or not getattr(page, "url_path", None):
        return ""
    if page.pk == item.pk:
        return "page"
    return "true" if page.url_path.startswith(item.url_path) else ""


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors between the site root and the page, one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None or page is None or not getattr(page, "depth", None):
        return []

    def crumbs():
        # The ancestors change only with themselves or a move of the page: their tags say when.
        with tags.scope():
            ancestors = (
                Page.objects.ancestor_of(page).filter(depth__gte=site.root_page.depth).only("id", "title", "url_path")
            )
            return tuple(
                Crumb(ancestor.id, ancestor.title, ancestor.get_url(request=request)) for ancestor in ancestors
            )

    # Remembered per page between readers' requests (caching.memo).
    return memo.remember(("breadcrumbs", site.pk, page.pk, page.path), crumbs)


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    getter = getattr(page, "get_json_ld", None)
    if getter is None:
        return ""
    return json_ld(getter(context.get("request")))


@register.simple_tag
def json_ld(data):
    """`data` as a JSON-LD script element (nothing for empty data)."""
    if not data:
        return ""
    # json_script escapes <, > and & so the JSON cannot end the script element.
    html = json_script(data).replace('<script type="application/json">', '<script type="application/ld+json">')
    return mark_safe(html)  # noqa: S308 - json_script escaped the data


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    request = context.get("request")
    if request is None:
        return path
    return request.build_absolute_uri(path)


@register.simple_tag
def elided_page_range(page_obj):
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))


@register.filter
def webcal(url):
    """An absolute http(s) address with the `webcal:` scheme, which a calendar app opens as a subscription."""
    _scheme, separator, rest = str(url).partition("://")
    return f"webcal://{rest}" if separator else url
