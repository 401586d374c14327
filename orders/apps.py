from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Orders")

    def ready(self):
        # Listings never import orders: the review rule that needs orders is plugged in here.
        from listings.services import REVIEW_RULES
        from orders.services import review_needs_completed_order

        if review_needs_completed_order not in REVIEW_RULES:
            REVIEW_RULES.append(review_needs_completed_order)
