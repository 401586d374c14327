from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from privacy import services
from privacy.admin_mixins import DisclosureAdminMixin
from privacy.models import ConsentEvent, DataRequest, DisclosureEvent, PolicyVersion, Purpose
from privacy.registry import registry


@admin.register(Purpose)
class PurposeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "legal_basis", "is_required", "retention", "cookie_group")
    list_filter = ("legal_basis", "is_required")
    search_fields = ("code", "name")
    change_list_template = "admin/privacy/purpose/change_list.html"

    def get_urls(self):
        records = self.admin_site.admin_view(self.records_of_processing)
        return [path("records/", records, name="privacy_records")] + super().get_urls()

    def records_of_processing(self, request):
        """Show the record of processing (GDPR Art. 30; Law 94-V list of data) from the registry."""
        purposes = {p.code: p for p in Purpose.objects.all()}
        rows = [(source, purposes.get(source.purpose)) for source in registry.sources()]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Records of processing"),
            "rows": rows,
            "exemptions": registry.exemptions(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/privacy/records_of_processing.html", context)


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ("version", "published_at", "summary_of_changes", "created_at")
    readonly_fields = ("published_at", "created_at")
    actions = ["publish"]

    def get_readonly_fields(self, request, obj=None):
        # A published version is a record of what people agreed to: it never changes.
        if obj is not None and obj.published_at:
            return ("version", "text", "summary_of_changes", "published_at", "created_at")
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.published_at is None

    @admin.action(description=_("Publish now (users will be asked to accept)"))
    def publish(self, request, queryset):
        for policy in queryset.filter(published_at__isnull=True).order_by("version"):
            services.policy_publish(policy=policy)
            self.message_user(
                request, _("Published version %s.") % policy.version, messages.SUCCESS
            )


class ReadOnlyLedgerAdmin(admin.ModelAdmin):
    """The ledgers are append-only: staff read and filter them, nobody edits them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyLedgerAdmin):
    list_display = ("created_at", "user", "subject_hash_short", "purpose", "action", "channel",
                    "policy_version")  # fmt: skip
    list_filter = ("action", "channel", "purpose", "policy_version")
    search_fields = ("user__email", "subject_hash")
    list_select_related = ("user", "purpose", "policy_version")
    date_hierarchy = "created_at"

    @admin.display(description=_("guest"))
    def subject_hash_short(self, obj):
        return obj.subject_hash[:12]


@admin.register(DisclosureEvent)
class DisclosureEventAdmin(ReadOnlyLedgerAdmin):
    list_display = ("created_at", "actor_label", "actor", "subject", "purpose", "reason",
                    "object_label")  # fmt: skip
    list_filter = ("purpose",)
    search_fields = ("actor__email", "subject__email", "actor_label", "object_label")
    list_select_related = ("actor", "subject", "purpose")
    date_hierarchy = "created_at"


@admin.register(DataRequest)
class DataRequestAdmin(DisclosureAdminMixin, admin.ModelAdmin):
    list_display = ("pk", "kind", "status", "user", "email", "received_at", "due_at")
    list_filter = ("kind", "status")
    search_fields = ("email", "user__email")
    list_select_related = ("user",)
    readonly_fields = ("received_at", "verified_at", "completed_at", "report")
    disclosure_fields = ("email", "details")
    disclosure_purpose = "legal"
    disclosure_reason = _("Handling a data request")

    def disclosure_subject(self, obj):
        return obj.user, obj.email
