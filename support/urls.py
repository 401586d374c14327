from django.urls import path

from support import views

app_name = "support"

urlpatterns = [
    path("complaint/", views.complaint, name="complaint"),
    path("complaint/sent/", views.sent, {"kind": "complaint"}, name="complaint_sent"),
    path("callback/", views.callback, name="callback"),
    path("callback/sent/", views.sent, {"kind": "callback"}, name="callback_sent"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/sent/", views.sent, {"kind": "feedback"}, name="feedback_sent"),
]
