"""Admin of data requests: staff verify, run, hold, reject them and lift restrictions."""

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

from privacy import services
from privacy.admin_mixins import ADMIN_ACTOR, DisclosureAdminMixin
from privacy.forms import RejectForm
from privacy.models import DataRequest
from privacy.registry import ExportEncoder, normalise_email

HOLD_DONE = _("Put on hold: these requests run only when staff run them.")
RELEASE_DONE = _("Released: verified requests the portal answers by itself run now.")
RESTRICTION_LIFTED = _("Restriction lifted for %(count)d people.")


class OverdueFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("open", _("Open, not yet due"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "open":
            return queryset.open().filter(due_at__gte=timezone.now())
        return queryset


@admin.register(DataRequest)
class DataRequestAdmin(DisclosureAdminMixin, admin.ModelAdmin):
    # The due date comes before the long columns, so that it stays in view at 1366 px even
    # with the navigation and filter sidebars open; the e-mail names the person (an account's
    # requests carry its address), so the user column would only repeat it.
    # ("on hold" is a filter: as a column it would push the list past a 1366 px screen.)
    list_display = ("pk", "kind", "status", "due", "email", "received", "erasure_checked")
    list_filter = (OverdueFilter, "kind", "status", "on_hold", "opened_by_sweep", "check_failed")
    search_fields = ("email", "user__email")
    list_select_related = ("user",)
    # A request changes state only through the actions (verify, run, reject), which need
    # their own right: editing the kind, the person or the status here would let anyone
    # with the change right aim an erasure at someone else.
    readonly_fields = ("kind", "status", "user", "email", "language", "received_at",
                       "verified_at", "due_at", "completed_at", "handled_by", "on_hold",
                       "opened_by_sweep", "report", "check_failed", "rejection_reason",
                       "export_link")  # fmt: skip
    exclude = ("export",)
    # Staff record a request received by letter or at the office: they pick the person by
    # typing (a <select> of every user would be unusable), then it takes the usual course.
    autocomplete_fields = ("user",)
    actions = ["verify", "run", "reject", "hold", "release", "lift_restriction"]
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
            actor_label=ADMIN_ACTOR,
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

    @admin.action(description=_("Hold: do not answer automatically"), permissions=["handle"])
    def hold(self, request, queryset):
        for data_request in queryset.filter(on_hold=False):
            services.data_request_hold(data_request=data_request, on_hold=True)
        self.message_user(request, HOLD_DONE, messages.SUCCESS)

    @admin.action(description=_("Release from hold"), permissions=["handle"])
    def release(self, request, queryset):
        for data_request in queryset.filter(on_hold=True):
            services.data_request_hold(data_request=data_request, on_hold=False)
        self.message_user(request, RELEASE_DONE, messages.SUCCESS)

    @admin.action(
        description=_("Lift the restriction of processing (restriction requests)"),
        permissions=["handle"],
    )
    def lift_restriction(self, request, queryset):
        lifted = 0
        for data_request in queryset.filter(kind=DataRequest.Kind.RESTRICTION).select_related(
            "user"
        ):
            person = (
                {"user": data_request.user}
                if data_request.user_id
                else {"email": data_request.email}
            )
            services.restriction_lift(actor=request.user, **person)
            lifted += 1
        self.message_user(request, RESTRICTION_LIFTED % {"count": lifted}, messages.SUCCESS)

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
