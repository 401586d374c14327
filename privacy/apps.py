from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        # Each app declares its personal data in `personal_data.py` (see privacy.registry).
        autodiscover_modules("personal_data")
        # ...and the public aggregates it publishes at /privacy/stats/ (privacy.statistics).
        autodiscover_modules("statistics")
