"""The user agreement and the rules, at the root of the site (/terms/, /rules/)."""

from django.urls import path

from privacy import document_views

app_name = "legal"

urlpatterns = [
    path("terms/", document_views.terms, name="terms"),
    path("terms/<int:version>/", document_views.terms_version, name="terms_version"),
    path("rules/", document_views.rules, name="rules"),
    path("rules/<int:version>/", document_views.rules_version, name="rules_version"),
]
