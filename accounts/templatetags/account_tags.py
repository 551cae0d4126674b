from django import template
from django.urls import reverse
from django.utils.http import urlencode

from ..display import display_name as _display_name

register = template.Library()


@register.filter
def display_name(user):
    return _display_name(user)


@register.simple_tag(takes_context=True)
def login_url(context):
    """The login page, returning the reader to this page afterwards (not for the account pages themselves).

    The same for every anonymous reader of a URL, so a cached page stays shareable."""
    url = reverse("account_login")
    page = context.get("page")
    request = context.get("request")
    # A page answered from another address (a refused comment post) returns to the page itself.
    path = getattr(page, "url", None) or (request.path if request is not None else "")
    if not path or path.startswith(("/konto/", "/kommentarer/")):
        return url
    return f"{url}?{urlencode({'next': path})}"
