from django.urls import path

from privacy import document_views, views

app_name = "privacy"

urlpatterns = [
    path("policy/", document_views.policy, name="policy"),
    path("policy/<int:version>/", document_views.policy_version, name="policy_version"),
    path("rights/", document_views.rights, name="rights"),
    path("accept/", views.policy_accept, name="policy_accept"),
    path("request/", views.request_create, name="request"),
    path("request/sent/", views.request_sent, name="request_sent"),
    path("request/confirm/<str:token>/", views.request_confirm, name="request_confirm"),
    path("request/download/<str:token>/", views.request_download, name="request_download"),
    path("stats/", views.stats, name="stats"),
]
