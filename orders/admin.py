from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from orders.models import CONTACT_FIELDS, Order, OrderEvent, OrderItem, SellerOption
from privacy.admin_mixins import DisclosureAdminMixin


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0
    can_delete = False
    fields = ("title", "listing", "unit", "price", "quantity")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "status", "actor_label", "detail")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(DisclosureAdminMixin, admin.ModelAdmin):
    """Orders for staff. The list shows no contact data; opening an order is recorded."""

    list_display = ("number", "company", "status", "subtotal", "final_total", "created_at")
    list_filter = ("status", "created_at")
    list_select_related = ("company", "buyer")
    search_fields = ("number", "email", "full_name", "organization")
    date_hierarchy = "created_at"
    inlines = [OrderItemInline, OrderEventInline]
    # Statuses change only through the seller's desk, where each change is an event and
    # an e-mail; staff may correct the contact data (a rectification request).
    readonly_fields = (
        "number", "public_id", "checkout_token", "company", "buyer", "status", "subtotal",
        "has_items_on_request", "final_total", "cancel_reason", "created_at", "updated_at",
    )  # fmt: skip
    disclosure_fields = CONTACT_FIELDS
    disclosure_purpose = "orders"
    disclosure_reason = _("Opened in admin")

    def disclosure_subject(self, obj):
        return obj.buyer, "" if obj.buyer_id else obj.email

    def has_delete_permission(self, request, obj=None):
        # Orders are accounting records: erasure anonymises them, nobody deletes them.
        return False

    def has_add_permission(self, request):
        return False


@admin.register(SellerOption)
class SellerOptionAdmin(admin.ModelAdmin):
    list_display = ("company", "kind", "method", "is_enabled", "conditions")
    list_filter = ("kind", "method", "is_enabled")
    list_select_related = ("company",)
    search_fields = ("company__name",)
