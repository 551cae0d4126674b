"""allauth's mail goes through the outbox like every other message (never sent inside a request),
from the agency's name, in Swedish templates that greet the reader by the name they chose."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from outbox.mail import queue_email
from website.net import client_ip

from .display import display_name


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """The address allauth's rate limits count per IP: the reader's, behind TRUSTED_PROXY_COUNT
        proxies (website/net.py), not the proxy's, which would put every reader in one bucket."""
        ip = client_ip(request)
        if ip is None:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def send_mail(self, template_prefix, email, context):
        context = {"email": email, "current_site": get_current_site(self.request), **context}
        user = context.get("user")
        if user is not None and getattr(user, "pk", None):
            context["display_name"] = display_name(user)
        template = "accounts/email/" + template_prefix.rsplit("/", 1)[-1]
        try:
            get_template(f"{template}.txt")
        except TemplateDoesNotExist:
            # A message allauth adds in a later version: its own wording rather than none.
            message = self.render_mail(template_prefix, email, context)
            context = {"subject": message.subject, "body": message.body}
            template = "accounts/email/other"
        queue_email(to=email, template=template, context=context)
