"""Admin of support: complaints with their moderation actions, callbacks and feedback.

Change lists show no personal data (no names, e-mails or phones): staff open a record to
see who wrote it, and that opening is recorded in the disclosure ledger. Every state
change goes through `support.services`, which writes the audit row with it.
"""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from listings.admin import moderation_rule_page
from listings.forms import ModerationRuleForm
from listings.rules import Rule
from privacy.admin_mixins import DisclosureAdminMixin
from privacy.services import disclosure_record
from support import selectors, services
from support.forms import CloseComplaintForm
from support.models import CallbackRequest, Complaint, ComplaintAction, Feedback

# The rule a moderator is offered first for each reason a reporter can give; the moderator
# decides, and "other" proposes nothing.
RULE_FOR_REASON = {
    Complaint.Reason.FRAUD: Rule.HONEST_DEALING,
    Complaint.Reason.WRONG_INFORMATION: Rule.TRUTHFUL,
    Complaint.Reason.PROHIBITED_GOODS: Rule.LAWFUL,
    Complaint.Reason.OFFENSIVE: Rule.RESPECT,
    Complaint.Reason.PRIVACY: Rule.PERSONAL_DATA,
}


def rule_for_reason(reason: str, target_kind: str) -> str:
    if target_kind == Complaint.TargetKind.REVIEW and reason in (
        Complaint.Reason.FRAUD,
        Complaint.Reason.WRONG_INFORMATION,
    ):
        return Rule.HONEST_REVIEWS
    return RULE_FOR_REASON.get(reason, "")


class SupportDisclosureMixin(DisclosureAdminMixin):
    """Record the opening of a record even when its person has no account and no e-mail.

    A guest's callback request names a person only by name and phone: the ledger row then
    has no subject, but it still says who saw which fields of which record, and when.
    """

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}) and response.context_data.get("original")
        if request.method == "GET" and obj is not None and response.status_code == 200:
            user, email = self.disclosure_subject(obj)
            if user is None and not email:
                disclosure_record(
                    actor=request.user,
                    actor_label=_("Portal administrator"),
                    fields=self.disclosure_fields,
                    purpose=self.disclosure_purpose,
                    reason=self.disclosure_reason,
                    object_label=f"#{obj.pk}",
                )
        return response


class ComplaintActionInline(admin.TabularInline):
    model = ComplaintAction
    extra = 0
    fields = ("created_at", "kind", "rule", "actor", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Complaint)
class ComplaintAdmin(SupportDisclosureMixin, admin.ModelAdmin):
    list_display = (
        "pk",
        "created_at",
        "target_kind",
        "target_label",
        "reason",
        "status",
        "reporter_kind",
        "target_links",
    )
    list_display_links = ("pk", "created_at")
    list_select_related = ("reporter",)
    list_filter = ("status", "reason", "target_kind")
    search_fields = ("target_label",)
    date_hierarchy = "created_at"
    fieldsets = (
        (
            _("What is reported"),
            {"fields": ("target_kind", "target_label", "target_links", "reason", "text")},
        ),  # fmt: skip
        (_("Reporter"), {"fields": ("reporter", "guest_name", "guest_email")}),
        (_("Handling"), {"fields": ("status", "resolution", "created_at", "closed_at")}),
    )
    readonly_fields = (
        "target_kind",
        "target_label",
        "target_links",
        "reason",
        "text",
        "reporter",
        "guest_name",
        "guest_email",
        "status",
        "resolution",
        "created_at",
        "closed_at",
    )
    inlines = [ComplaintActionInline]
    actions = [
        "start_review",
        "hide_listing",
        "hide_review",
        "block_seller",
        "resolve",
        "reject",
    ]
    disclosure_fields = ("reporter", "guest_name", "guest_email", "text")
    disclosure_reason = _("Handling a complaint")

    def disclosure_subject(self, obj):
        return obj.reporter, obj.guest_email

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A complaint with its actions is the record of a moderation decision.
        return False

    @admin.display(description=_("reporter"))
    def reporter_kind(self, obj):
        return _("account") if obj.reporter_id else _("guest")

    @admin.display(description=_("open"))
    def target_links(self, obj):
        links = selectors.complaint_target_links(obj)
        if not links:
            return "-"
        return format_html_join(" · ", '<a href="{}">{}</a>', ((u, t) for t, u in links))

    # --- Rights. Handling a complaint is its own right; hiding what it points at also
    # needs the moderator's right over listings or reviews, as in their own admins.

    def has_handle_permission(self, request):
        return request.user.has_perm("support.handle_complaint")

    def has_moderate_listing_permission(self, request):
        return self.has_handle_permission(request) and request.user.has_perm(
            "listings.moderate_listing"
        )

    def has_moderate_review_permission(self, request):
        return self.has_handle_permission(request) and request.user.has_perm(
            "listings.moderate_review"
        )

    # --- Actions: one service call per complaint, each error reported, the rest go on.

    def _each(self, request, queryset, service, done_message, **kwargs):
        done = 0
        for complaint in queryset.order_by("pk"):
            try:
                service(complaint=complaint, actor=request.user, **kwargs)
            except services.SupportError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Start review"), permissions=["handle"])
    def start_review(self, request, queryset):
        self._each(request, queryset, services.complaint_start_review,
                   _("%(n)d complaints in review."))  # fmt: skip

    def _moderate(self, request, queryset, service, done_message, *, action):
        """Ask which rule the decision cites (proposed from the complaint), then apply it."""
        data = request.POST if "apply" in request.POST else None
        first = queryset.order_by("pk").first()
        initial = {"rule": rule_for_reason(first.reason, first.target_kind)} if first else {}
        form = ModerationRuleForm(data, initial=initial)
        if not form.is_valid():
            return moderation_rule_page(self, request, queryset, form, action=action)
        self._each(request, queryset, service, done_message, rule=form.cleaned_data["rule"])
        return None

    @admin.action(description=_("Hide the listing (and resolve)"), permissions=["moderate_listing"])
    def hide_listing(self, request, queryset):
        return self._moderate(request, queryset, services.complaint_hide_listing,
                              _("Listing hidden for %(n)d complaints; the reporters are told."),
                              action="hide_listing")  # fmt: skip

    @admin.action(description=_("Hide the review (and resolve)"), permissions=["moderate_review"])
    def hide_review(self, request, queryset):
        return self._moderate(request, queryset, services.complaint_hide_review,
                              _("Review hidden for %(n)d complaints; the reporters are told."),
                              action="hide_review")  # fmt: skip

    @admin.action(
        description=_("Block all listings of the seller (and resolve)"),
        permissions=["moderate_listing"],
    )
    def block_seller(self, request, queryset):
        return self._moderate(request, queryset, services.complaint_block_seller,
                              _("Seller blocked for %(n)d complaints; the reporters are told."),
                              action="block_seller")  # fmt: skip

    @admin.action(description=_("Resolve, with a message to the reporter"), permissions=["handle"])
    def resolve(self, request, queryset):
        return self._close(request, queryset, action="resolve")

    @admin.action(
        description=_("Reject, with the reason told to the reporter"), permissions=["handle"]
    )
    def reject(self, request, queryset):
        return self._close(request, queryset, action="reject")

    def _close(self, request, queryset, *, action):
        rejecting = action == "reject"
        form = CloseComplaintForm(
            request.POST if "apply" in request.POST else None, reason_required=rejecting
        )
        if form.is_valid():
            message = form.cleaned_data["message"]
            if rejecting:
                self._each(request, queryset, services.complaint_reject,
                           _("%(n)d complaints rejected; the reporters are told why."),
                           reason=message)  # fmt: skip
            else:
                self._each(request, queryset, services.complaint_resolve,
                           _("%(n)d complaints resolved; the reporters are told."),
                           resolution=message)  # fmt: skip
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject complaints") if rejecting else _("Resolve complaints"),
            "form": form,
            "queryset": queryset,
            "action": action,
            "rejecting": rejecting,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "support/admin/close_complaints.html", context)


class HandledAdmin(SupportDisclosureMixin, admin.ModelAdmin):
    """Callback requests and feedback: read, then marked handled by whoever handled them."""

    list_filter = ("is_handled",)
    list_select_related = ("handled_by", "user")
    date_hierarchy = "created_at"
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark handled (by me)"), permissions=["change"])
    def mark_handled(self, request, queryset):
        changed = services.support_mark_handled(requests=queryset, actor=request.user)
        self.message_user(request, _("%(n)d marked handled.") % {"n": changed}, messages.SUCCESS)


@admin.register(CallbackRequest)
class CallbackRequestAdmin(HandledAdmin):
    list_display = ("pk", "created_at", "topic", "preferred_time", "is_handled", "handled_by")
    list_display_links = ("pk", "created_at")
    list_filter = ("is_handled", "preferred_time")
    readonly_fields = ("user", "name", "phone", "preferred_time", "topic", "consent_text",
                       "created_at", "is_handled", "handled_by", "handled_at")  # fmt: skip
    disclosure_fields = ("name", "phone", "topic")
    disclosure_reason = _("Calling back")

    def disclosure_subject(self, obj):
        return obj.user, ""


@admin.register(Feedback)
class FeedbackAdmin(HandledAdmin):
    list_display = ("pk", "created_at", "is_handled", "handled_by")
    readonly_fields = ("user", "name", "email", "message", "created_at", "is_handled",
                       "handled_by", "handled_at")  # fmt: skip
    disclosure_fields = ("name", "email", "message")
    disclosure_reason = _("Answering a message")

    def disclosure_subject(self, obj):
        return obj.user, obj.email
