from django.urls import path

from . import views

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("tack/", views.sent, name="subscription_sent"),
    path("bekrafta/<str:token>/", views.confirm, name="subscription_confirm"),
    path("andra/<str:token>/", views.manage, name="subscription_manage"),
    path("avsluta/<str:token>/", views.unsubscribe, name="subscription_unsubscribe"),
    path("rss.xsl", views.rss_stylesheet, name="rss_stylesheet"),
]
