from django.urls import path

from . import views

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("rss.xsl", views.rss_stylesheet, name="rss_stylesheet"),
]
