"""The site's URLs plus one view that fails, to see the 500 page a reader would get."""

from django.urls import path

from website.urls import handler404, handler500  # noqa: F401 - the test URLconf keeps the site's handlers
from website.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("trasig/", broken_view), *site_urlpatterns]
