from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="account_home"),
    path("signup/", views.signup, name="account_signup"),
]
