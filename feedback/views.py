"""The feedback post view.

Like the anonymous comment form (discussion/views.py), the form carries nothing per reader, so the
page that holds it stays in the shared page cache: no CSRF token (a forged post can do no more than
a reader pressing the button, which the per-IP rate limit bounds), no cookie. Storing an answer
writes only this app's table, which no public page renders, so no page's cache tags change.

Without JavaScript the reader gets the page itself back with a thank-you where the form was (or
the reason it was refused, with what they wrote); with JavaScript (static/js/feedback.js) the same
answer comes as JSON and replaces the form in place.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from stewardship.inheritance import owner_of
from website.net import client_ip

from .forms import FeedbackForm
from .models import PageFeedback

logger = logging.getLogger(__name__)

RATE_LIMIT = 10  # answers per address
RATE_WINDOW = 60 * 60  # seconds

THANKS = _("Tack för ditt svar! Det går till den som ansvarar för sidan.")


def _rate_limited(request):
    """RATE_LIMIT answers per RATE_WINDOW per IP address (client_ip, behind TRUSTED_PROXY_COUNT proxies),
    counted in the shared cache. While that cache is down answers are not limited: nothing is published."""
    key = f"feedback-rate:{client_ip(request)}"
    cache = caches[settings.SHARED_CACHE_ALIAS]
    try:
        cache.add(key, 0, RATE_WINDOW)
        return cache.incr(key) > RATE_LIMIT
    except ValueError:  # evicted between add and incr
        return False
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        logger.warning("Shared cache unreachable: feedback rate limit not applied", exc_info=True)
        return False


def _find_page(page_id):
    """The live, public content page an answer names, or None (unknown, draft, restricted, or not a content page)."""
    from website.mixins import BasePage

    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None or not issubclass(page.specific_class, BasePage):
        return None
    return page.specific


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, page, status, message, *, thanked=False, form=None):
    if _wants_json(request):
        return JsonResponse({"message": str(message), "ok": thanked}, status=status)
    if page is None:
        response = render(request, "feedback/error.html", {"message": message, "page_title": message}, status=status)
    else:
        request.feedback_answer = {"message": message, "thanked": thanked, "form": form}
        response = page.serve(request)
        response.status_code = status
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt
def post_feedback(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = FeedbackForm(request.POST)
    valid = form.is_valid()
    page = _find_page(form.cleaned_data["sida"]) if "sida" in form.cleaned_data else None
    if page is None:
        return _answer(request, None, 400, _("Sidan du ville lämna synpunkter på finns inte."))
    if not valid:
        errors = [str(error) for field in ("svar", "text") for error in form.errors.get(field, [])]
        return _answer(request, page, 400, " ".join(errors) or _("Svaret kunde inte tas emot."), form=form)
    if _rate_limited(request):
        return _answer(
            request, page, 429, _("Du har skickat många svar på kort tid. Vänta en stund och försök igen."), form=form
        )
    PageFeedback.objects.create(
        page=page,
        owner=owner_of(page),
        helpful=form.cleaned_data["svar"] == "ja",
        text=form.cleaned_data["text"],
    )
    return _answer(request, page, 200, THANKS, thanked=True)
