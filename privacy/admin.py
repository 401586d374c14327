import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from privacy import labels, services
from privacy.admin_mixins import DisclosureAdminMixin
from privacy.forms import RejectForm
from privacy.models import (
    Acceptance,
    ConsentEvent,
    CookiePartner,
    DataRequest,
    DisclosureEvent,
    LegalHold,
    PolicyVersion,
    Purpose,
    SweepRun,
)
from privacy.registry import ExportEncoder, normalise_email


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
                    "policy_version", "language")  # fmt: skip
    list_filter = ("action", "channel", "purpose", "policy_version", "language")
    search_fields = ("user__email", "subject_hash")
    list_select_related = ("user", "purpose", "policy_version")
    date_hierarchy = "created_at"

    @admin.display(description=_("guest"))
    def subject_hash_short(self, obj):
        return obj.subject_hash[:12]


@admin.register(Acceptance)
class AcceptanceAdmin(ReadOnlyLedgerAdmin):
    list_display = ("created_at", "user", "statement", "document_version", "channel", "language")
    list_filter = ("statement", "channel", "language")
    search_fields = ("user__email",)
    list_select_related = ("user", "document_version")
    date_hierarchy = "created_at"


@admin.register(CookiePartner)
class CookiePartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "policy_url")
    filter_horizontal = ("cookies",)


@admin.register(DisclosureEvent)
class DisclosureEventAdmin(ReadOnlyLedgerAdmin):
    list_display = ("created_at", "actor_label", "actor", "subject", "purpose", "reason",
                    "object_label")  # fmt: skip
    list_filter = ("purpose",)
    search_fields = ("actor__email", "subject__email", "actor_label", "object_label")
    list_select_related = ("actor", "subject", "purpose")
    date_hierarchy = "created_at"


class OverdueFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("open", _("Open, not yet due"))]

    def queryset(self, request, queryset):
        open_statuses = [DataRequest.Status.NEW, DataRequest.Status.VERIFIED,
                         DataRequest.Status.IN_PROGRESS]  # fmt: skip
        if self.value() == "overdue":
            return queryset.filter(status__in=open_statuses, due_at__lt=timezone.now())
        if self.value() == "open":
            return queryset.filter(status__in=open_statuses, due_at__gte=timezone.now())
        return queryset


@admin.register(DataRequest)
class DataRequestAdmin(DisclosureAdminMixin, admin.ModelAdmin):
    # The due date comes before the long columns, so that it stays in view at 1366 px even
    # with the navigation and filter sidebars open; the e-mail names the person (an account's
    # requests carry its address), so the user column would only repeat it.
    list_display = ("pk", "kind", "status", "due", "email", "received", "erasure_checked")
    list_filter = (OverdueFilter, "kind", "status", "check_failed")
    search_fields = ("email", "user__email")
    list_select_related = ("user",)
    # A request changes state only through the actions (verify, run, reject), which need
    # their own right: editing the kind, the person or the status here would let anyone
    # with the change right aim an erasure at someone else.
    readonly_fields = ("kind", "status", "user", "email", "received_at", "verified_at",
                       "due_at", "completed_at", "handled_by", "report", "check_failed",
                       "rejection_reason", "export_link")  # fmt: skip
    exclude = ("export",)
    # Staff record a request received by letter or at the office: they pick the person by
    # typing (a <select> of every user would be unusable), then it takes the usual course.
    autocomplete_fields = ("user",)
    actions = ["verify", "run", "reject"]
    disclosure_fields = ("email", "details")
    disclosure_purpose = "legal"
    disclosure_reason = _("Handling a data request")

    def disclosure_subject(self, obj):
        return obj.user, obj.email

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            recorded = {"kind", "user", "email"}
            return tuple(name for name in self.readonly_fields if name not in recorded)
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.email = normalise_email(obj.email or (obj.user.email if obj.user else ""))
        super().save_model(request, obj, form, change)

    @admin.display(description=_("received"), ordering="received_at")
    def received(self, obj):
        return date_format(timezone.localtime(obj.received_at), "SHORT_DATE_FORMAT")

    @admin.display(description=_("due"), ordering="due_at")
    def due(self, obj):
        label = date_format(timezone.localtime(obj.due_at), "SHORT_DATE_FORMAT")
        if obj.is_overdue:
            return format_html('<strong class="overdue">{} ({})</strong>', label, _("overdue"))
        return label

    @admin.display(description=_("check"), boolean=True)
    def erasure_checked(self, obj):
        if obj.kind != DataRequest.Kind.ERASURE or obj.status != DataRequest.Status.DONE:
            return None
        return not obj.check_failed

    @admin.display(description=_("export"))
    def export_link(self, obj):
        if obj.export is None:
            return "-"
        url = reverse("admin:privacy_datarequest_export", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the export (recorded)"))

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_download)
        return [
            path("<int:pk>/export/", export, name="privacy_datarequest_export")
        ] + super().get_urls()

    def export_download(self, request, pk):
        """Give staff the export of an access request; the download is a disclosure."""
        data_request = get_object_or_404(DataRequest, pk=pk, export__isnull=False)
        if not self.has_view_permission(request, data_request):
            raise PermissionDenied
        services.disclosure_record(
            actor=request.user,
            actor_label=_("Portal administrator"),
            subject=data_request.user,
            email="" if data_request.user_id else data_request.email,
            fields=sorted(data_request.export),
            purpose="legal",
            reason=_("Downloaded the answer to an access request"),
            object_label=f"#{data_request.pk}",
        )
        response = HttpResponse(
            json.dumps(data_request.export, cls=ExportEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="data-request-{pk}.json"'
        return response

    def has_handle_permission(self, request):
        return request.user.has_perm("privacy.handle_datarequest")

    @admin.action(description=_("Verify (identity checked by staff)"), permissions=["handle"])
    def verify(self, request, queryset):
        for data_request in queryset.filter(status=DataRequest.Status.NEW):
            services.data_request_verify(data_request=data_request)
        self.message_user(request, _("Verified."), messages.SUCCESS)

    @admin.action(
        description=_("Run: export, erase, withdraw; or close a correction done by hand"),
        permissions=["handle"],
    )
    def run(self, request, queryset):
        for data_request in queryset:
            try:
                services.data_request_run(data_request=data_request, actor=request.user)
            except services.DataRequestError as error:
                self.message_user(request, f"#{data_request.pk}: {error}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("#%(pk)s: %(status)s.")
                    % {"pk": data_request.pk, "status": data_request.get_status_display()},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Reject with a reason"), permissions=["handle"])
    def reject(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for data_request in queryset:
                services.data_request_reject(
                    data_request=data_request,
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            self.message_user(request, _("Rejected; the people were told why."), messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject data requests"),
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/privacy/datarequest/reject.html", context)


@admin.register(LegalHold)
class LegalHoldAdmin(DisclosureAdminMixin, admin.ModelAdmin):
    list_display = ("authority", "user", "email", "until", "created_at", "created_by")
    list_filter = ("until",)
    search_fields = ("email", "user__email", "authority", "reason")
    list_select_related = ("user", "created_by")
    autocomplete_fields = ("user",)
    readonly_fields = ("created_by", "created_at")
    disclosure_fields = ("user", "email", "reason")
    disclosure_purpose = "legal"
    disclosure_reason = _("Reviewing a legal hold")

    def disclosure_subject(self, obj):
        return obj.user, "" if obj.user_id else obj.email

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SweepRun)
class SweepRunAdmin(ReadOnlyLedgerAdmin):
    list_display = ("started_at", "as_of", "dry_run", "status", "subjects", "held", "duration")
    list_filter = ("status", "dry_run")
    readonly_fields = ("started_at", "finished_at", "as_of", "cutoff", "dry_run", "status",
                       "subjects", "held", "counts", "error")  # fmt: skip
