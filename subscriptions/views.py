from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .feeds import feed_sections


def subscribe(request):
    return render(
        request,
        "subscriptions/subscribe.html",
        {"page_title": _("Prenumerera"), "feed_sections": feed_sections(request)},
    )


@require_GET
def rss_stylesheet(request):
    """The XSL stylesheet that RSS feeds name: a browser shows a feed as a Swedish page about feeds."""
    xsl = render_to_string("subscriptions/rss.xsl", request=request).lstrip()
    return HttpResponse(xsl, content_type="text/xsl; charset=utf-8")
