from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from accounts.mfa import second_factor_activated

        authenticator_added.connect(second_factor_activated, dispatch_uid="accounts.mfa")
