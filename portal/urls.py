from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from portal import views
from privacy.views import CookieAcceptView, CookieDeclineView, CookieSettingsView

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # The language switch needs no CSRF token: a forged request could only change the
    # language a visitor reads, and without a token in the header the pages of visitors
    # who have no session can be shared (see listings/search_page.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("accounts/", include("allauth.urls")),
    # The portal's own cookie views first: they also write signed-in users' choices to
    # the consent ledger; django-cookie-consent's status view and names stay as they are.
    path("cookies/", CookieSettingsView.as_view(), name="cookie_consent_cookie_group_list"),
    path("cookies/accept/", CookieAcceptView.as_view(), name="cookie_consent_accept"),
    path("cookies/decline/", CookieDeclineView.as_view(), name="cookie_consent_decline"),
    path("cookies/", include("cookie_consent.urls")),
    path("privacy/", include("privacy.urls")),
    path("", include("privacy.legal_urls")),
    path("account/", include("accounts.urls")),
    path("", include("listings.urls")),
    path("", include("orders.urls")),
    path("", include("deals.urls")),
    path("", include("mailings.urls")),
    path("support/", include("support.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
