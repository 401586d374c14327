from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("policy/", views.policy, name="policy"),
    path("policy/<int:version>/", views.policy_version, name="policy_version"),
    path("accept/", views.policy_accept, name="policy_accept"),
]
