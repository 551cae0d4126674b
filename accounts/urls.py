from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="account_home"),
    path("signup/", views.signup, name="account_signup"),
    path("profil/", views.profile, name="account_profile"),
    path("profil/e-post-om-kommentarer/", views.notification_choices, name="account_notifications"),
    path("e-post/avsluta/<str:token>/", views.notification_unsubscribe, name="notification_unsubscribe"),
    path("prenumerationer/", views.subscriptions, name="account_subscriptions"),
    path("mina-uppgifter/", views.my_data, name="account_data"),
    path("ta-bort-kontot/", views.delete_account, name="account_delete"),
    path("kontot-borttaget/", views.account_deleted, name="account_deleted"),
    path("kommentarer/<int:comment_id>/redigera/", views.edit_comment, name="account_edit_comment"),
    path("kommentarer/<int:comment_id>/ta-bort/", views.delete_comment, name="account_delete_comment"),
]
