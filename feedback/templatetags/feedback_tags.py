from django import template

from website.models import SiteSettings

from ..models import MAX_TEXT_LENGTH

register = template.Library()


@register.inclusion_tag("components/page_feedback.html", takes_context=True)
def page_feedback(context, page):
    """ "Var sidan till hjälp?" (R38). The same HTML for every reader, so the page stays cached;
    after a post without JavaScript, the thank-you or the reason it was refused (feedback.views)."""
    request = context.get("request")
    answer = getattr(request, "feedback_answer", None) or {}
    form = answer.get("form")
    privacy_page = SiteSettings.for_request(request).privacy_page if request is not None else None
    return {
        "request": request,
        "page": page,
        "show": bool(page.pk and page.live),
        "answer": answer,
        "text": form.data.get("text", "")[:MAX_TEXT_LENGTH] if form is not None else "",
        "no_open": form is not None and form.data.get("svar") != "ja",
        "max_length": MAX_TEXT_LENGTH,
        "privacy_page": privacy_page if privacy_page and privacy_page.live else None,
    }
