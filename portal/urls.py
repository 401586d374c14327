from cookie_consent.views import CookieStatusView
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from portal import views
from portal.favicon import favicon
from portal.i18n import language_patterns
from portal.seo import robots, sitemaps
from privacy.views import CookieAcceptView, CookieDeclineView, CookieSettingsView

# Addresses that machines call (health checks, crawlers, scripts, forms' endpoints) and the
# admin: one URL each, whatever the language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap_section"),
    # The language switch needs no CSRF token: a forged request could only change the
    # language a visitor reads, and without a token in the header the pages of visitors
    # who have no session can be shared (see listings/search_page.py). It moves the visitor
    # to the page's URL in the chosen language (portal/i18n.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # The portal's own cookie views: they also write signed-in users' choices to the
    # consent ledger; django-cookie-consent's names stay as they are (its module calls them).
    path("cookies/accept/", CookieAcceptView.as_view(), name="cookie_consent_accept"),
    path("cookies/decline/", CookieDeclineView.as_view(), name="cookie_consent_decline"),
    path("cookies/status/", CookieStatusView.as_view(), name="cookie_consent_status"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Pages people read: Russian at the root, Kazakh under /kk/, English under /en/.
urlpatterns += language_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("cookies/", CookieSettingsView.as_view(), name="cookie_consent_cookie_group_list"),
    path("privacy/", include("privacy.urls")),
    path("", include("privacy.legal_urls")),
    path("account/", include("accounts.urls")),
    path("", include("listings.urls")),
    path("", include("orders.urls")),
    path("", include("deals.urls")),
    path("", include("mailings.urls")),
    path("support/", include("support.urls")),
)
