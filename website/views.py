import re

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.static import serve as static_serve
from wagtail.models import Page, Site

from website.restrictions import public
from website.sitesearch import page_of_hits

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200
# Only words reach the search backend: quotes, brackets and operators are syntax to SQLite's FTS5
# and PostgreSQL's tsquery, and an unbalanced one would end the request in a database error.
SEARCH_WORD = re.compile(r"\w+")


def query_param(request, name, max_length):
    """A GET parameter as plain text: NUL bytes removed (PostgreSQL refuses them in text), trimmed, bounded."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:max_length]


def page_key(request, param="sida", last=10_000):
    """The ?sida= value as paginate() reads it, for a remembered fragment's key: however an address
    writes it ("05", "x"), one key per page, and at most `last` of them."""
    try:
        number = int(request.GET.get(param, 1))
    except ValueError:
        return "1"  # not a number: the first page
    return "last" if number < 1 else str(min(number, last))  # below 1: the last page


def paginate(request, items, per_page, param="sida"):
    """A page of `items` from the ?sida= parameter; bad numbers fall back to the nearest page."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(param, 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


@require_GET
def search(request):
    query = query_param(request, "q", SEARCH_QUERY_MAX_LENGTH)
    results = None
    if query:
        terms = " ".join(SEARCH_WORD.findall(query))
        if terms:
            found = public(Page.objects.live()).search(terms, operator="and")
            # Fetched when the template's remembered fragment renders, not when it is remembered.
            results = SimpleLazyObject(lambda: page_of_hits(found, request.GET.get("sida", 1), SEARCH_RESULTS_PER_PAGE))
        else:
            results = paginate(request, [], SEARCH_RESULTS_PER_PAGE)
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "page_title": _("Sök"),
            # The pagination links keep the query whole, "&" and "#" included.
            "query_string": urlencode({"q": query}),
            "page_key": page_key(request),
        },
    )


SITEMAP_PAGES_PER_SECTION = 10
SITEMAP_PAGES_PER_PAGE = 50


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def _live_public(queryset):
    return public(queryset.live()).order_by("path")


@require_GET
def sitemap_page(request):
    """The human sitemap: every section of the site with its first pages, each section paged on its own
    (/webbplatskarta/<id>/), so the page stays short however large the site grows."""
    root = _site_root(request)
    if root is None:
        raise Http404
    sections = []
    for section in _live_public(root.get_children()).specific():
        children = _live_public(section.get_children()) if section.numchild else None
        sections.append(
            {
                "page": section,
                "children": list(children[:SITEMAP_PAGES_PER_SECTION]) if children is not None else [],
                "count": children.count() if children is not None else 0,
            }
        )
    return render(
        request,
        "website/sitemap_page.html",
        {"page_title": _("Webbplatskarta"), "home": root.specific, "sections": sections},
    )


@require_GET
def sitemap_section(request, section_id):
    """One section's pages, in tree order, with their own sub-pages one level down."""
    root = _site_root(request)
    section = _live_public(Page.objects.child_of(root)).filter(pk=section_id).first() if root else None
    if section is None:
        raise Http404
    pages = paginate(request, _live_public(section.get_children()) if section.numchild else [], SITEMAP_PAGES_PER_PAGE)
    return render(
        request,
        "website/sitemap_section.html",
        {"page_title": _("Webbplatskarta: %(title)s") % {"title": section.title}, "section": section, "pages": pages},
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /sok/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def serve_media(request, path):
    """Uploaded files, where no proxy serves MEDIA_ROOT. Renditions never change: cache them long."""
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    if path.startswith("images/"):
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors or database: the error may be the database itself.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
