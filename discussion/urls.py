from django.urls import path

from . import reports, views

urlpatterns = [
    path("skicka/", views.post_comment, name="discussion_post"),
]
urlpatterns += [path("svara/<int:comment_id>/", views.reply_form, name="discussion_reply")]
urlpatterns += [path("anmal/<int:comment_id>/", reports.report_comment, name="discussion_report")]
