from django.urls import path

from accounts import views

app_name = "accounts"

# No id in any of these: each page is about the signed-in user's own data.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("profile/", views.profile, name="profile"),
    path("company/", views.company, name="company"),
    path("company/delivery/", views.company_delivery, name="company_delivery"),
    path("notifications/", views.notifications, name="notifications"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/consent/", views.consent_change, name="consent_change"),
    path("privacy/object/", views.purpose_object, name="purpose_object"),
    path(
        "privacy/withdraw/<slug:purpose>/",
        views.consent_withdraw_required,
        name="consent_withdraw_required",
    ),
    path("privacy/data/", views.data_summary, name="data_summary"),
    path("privacy/data/download/", views.data_download, name="data_download"),
    path("privacy/delete/", views.account_delete, name="delete"),
]
