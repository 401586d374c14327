from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    name = "listings"
    verbose_name = _("Listings")

    def ready(self):
        # Accounts never import listings: a change of a company or an owner's account moves
        # the catalogue version through this hook (accounts.services.PUBLIC_PAGE_CHANGES).
        from accounts.services import PUBLIC_PAGE_CHANGES
        from listings.services import catalogue_changed

        if catalogue_changed not in PUBLIC_PAGE_CHANGES:
            PUBLIC_PAGE_CHANGES.append(catalogue_changed)
