"""Admin of the purposes, the records of processing and the legal texts."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from privacy import labels, services
from privacy.models import CookiePartner, PolicyVersion, Purpose


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
        if not self.has_view_permission(request):
            raise PermissionDenied
        purposes = {p.code: p for p in Purpose.objects.all()}
        context = {
            **self.admin_site.each_context(request),
            "title": _("Records of processing"),
            "rows": labels.records_of_processing(purposes),
            "exemptions": labels.exemption_rows(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/privacy/records_of_processing.html", context)


@admin.register(PolicyVersion)
class PolicyVersionAdmin(TranslationAdmin):
    """Versions of the legal texts, each written in Russian (required), Kazakh and English."""

    list_display = ("document", "version", "published_at", "summary_of_changes", "created_at")
    list_filter = ("document",)
    readonly_fields = ("published_at", "created_at", "announced_to_user", "announced_at")
    actions = ["publish"]

    def get_readonly_fields(self, request, obj=None):
        # A published version is a record of what people agreed to: it never changes.
        if obj is not None and obj.published_at:
            translated = [
                f"{name}_{code}"
                for name in ("text", "summary_of_changes")
                for code in ("ru", "kk", "en")
            ]
            return ("document", "version", *translated, *self.readonly_fields)
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.published_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return request.user.has_perm("privacy.publish_policyversion")

    @admin.action(
        description=_("Publish now (users will be asked to accept)"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        for policy in queryset.filter(published_at__isnull=True).order_by("version"):
            services.policy_publish(policy=policy)
            self.message_user(request, _("Published: %s.") % policy, messages.SUCCESS)


@admin.register(CookiePartner)
class CookiePartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "policy_url")
    filter_horizontal = ("cookies",)
