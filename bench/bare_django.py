"""The smallest Django project that answers one view: the bench's "bare Django view" mark."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-only-not-secret",  # noqa: S106
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )


def hello(request):
    return HttpResponse("<!DOCTYPE html><title>ok</title><p>ok</p>")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
