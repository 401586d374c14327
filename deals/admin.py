"""Admin of deals: requests with their quotes, and conversations, read-only for staff.

Opening a request or a conversation shows a person's words, so it is recorded in the
disclosure ledger. Staff change nothing by hand but may close open requests (an action
that says which permission it needs).
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from deals import services
from deals.models import Conversation, Message, Quote, QuoteRequest
from privacy.admin_mixins import DisclosureAdminMixin


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class QuoteInline(ReadOnlyInline):
    model = Quote
    fields = (
        "company",
        "status",
        "revision",
        "price",
        "quantity",
        "delivery_cost",
        "valid_until",
        "order",
    )
    readonly_fields = fields


@admin.register(QuoteRequest)
class QuoteRequestAdmin(DisclosureAdminMixin, admin.ModelAdmin):
    list_display = ("public_id", "category", "quantity", "unit", "region", "status", "created_at")
    list_filter = ("status", "region", "created_at")
    list_select_related = ("category", "buyer")
    readonly_fields = (
        "public_id",
        "buyer",
        "title",
        "description",
        "category",
        "quantity",
        "unit",
        "region",
        "needed_by",
        "budget",
        "buyer_organization",
        "audience",
        "status",
        "created_at",
        "closed_at",
    )
    inlines = [QuoteInline]
    actions = ["close_requests"]
    disclosure_fields = ("title", "description", "buyer_organization")
    disclosure_reason = _("Opened in admin")

    def disclosure_subject(self, obj):
        return obj.buyer, ""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Close the selected open requests"), permissions=["change"])
    def close_requests(self, request, queryset):
        closed = 0
        for rfq in queryset.filter(status=QuoteRequest.Status.OPEN):
            try:
                services.request_cancel(request=rfq, user=None)
            except services.DealError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                closed += 1
        self.message_user(request, _("%(n)d requests closed.") % {"n": closed}, messages.SUCCESS)


class MessageInline(ReadOnlyInline):
    model = Message
    fields = ("created_at", "side", "body", "read_at")
    readonly_fields = fields


@admin.register(Conversation)
class ConversationAdmin(DisclosureAdminMixin, admin.ModelAdmin):
    list_display = ("pk", "company", "last_side", "last_message_at")
    list_select_related = ("company", "buyer")
    readonly_fields = (
        "buyer",
        "company",
        "listing",
        "quote",
        "subject",
        "last_message_at",
        "last_side",
        "first_reply_at",
        "created_at",
    )
    inlines = [MessageInline]
    disclosure_fields = ("body",)
    disclosure_reason = _("Opened in admin")

    def disclosure_subject(self, obj):
        return obj.buyer, ""

    def has_add_permission(self, request):
        return False
