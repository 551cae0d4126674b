from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from website import views

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("sok/", views.search, name="search"),
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("kommentarer/", include("discussion.urls")),
    path("synpunkter/", include("feedback.urls")),
    path("prenumerera/", include("subscriptions.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("webbplatskarta/", views.sitemap_page, name="sitemap_page"),
    path("webbplatskarta/<int:section_id>/", views.sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.serve_media)]

urlpatterns += [path("", include(wagtail_urls))]
