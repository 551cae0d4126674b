from django.shortcuts import render
from django.utils.translation import gettext as _

from .feeds import feed_sections


def subscribe(request):
    return render(
        request,
        "subscriptions/subscribe.html",
        {"page_title": _("Prenumerera"), "feed_sections": feed_sections(request)},
    )
