"""The outbox in admin: django-post-office's e-mail admin, with the portal's rules.

Here rather than in the outbox app, which sits below privacy: opening an e-mail shows a
person's address and the text sent to them, so it is recorded in the disclosure ledger
(privacy's mixin), like every other record of personal data.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from post_office.admin import EmailAdmin
from post_office.models import STATUS, Email

from privacy.admin_mixins import DisclosureAdminMixin


@admin.action(description=_("Send again with the next outbox run"), permissions=["change"])
def requeue(modeladmin, request, queryset):
    queryset.update(status=STATUS.queued, scheduled_time=None)


class OutboxEmailAdmin(DisclosureAdminMixin, EmailAdmin):
    """Read-only e-mails; staff with the change permission may requeue failed ones."""

    actions = [requeue]
    disclosure_fields = ("to", "subject", "message", "html_message")
    disclosure_purpose = "service"

    def disclosure_subject(self, obj):
        return None, (obj.to[0] if obj.to else "")

    def get_readonly_fields(self, request, obj=None):
        fields = [f.name for f in Email._meta.fields]
        return [*fields, *super().get_readonly_fields(request, obj)]

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(Email)
admin.site.register(Email, OutboxEmailAdmin)
