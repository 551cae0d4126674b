from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [path("skicka/", views.post_feedback, name="post")]
