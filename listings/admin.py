from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from listings.forms import ModerationRuleForm
from listings.models import CatalogueImport, Category, Listing, ListingImage, PriceTier, Review
from listings.selectors import SEARCH_CONFIG, category_tree_clear
from listings.services import (
    catalogue_changed,
    listings_block,
    listings_unblock,
    review_set_hidden,
)
from privacy.admin_mixins import DisclosureAdminMixin


class CatalogueChangeMixin:
    """What staff change here shows on public pages: move the catalogue version
    (services.catalogue_changed), so shared pages rendered before are not used again."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # after save_model
        catalogue_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        catalogue_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        catalogue_changed()


def moderation_rule_page(model_admin, request, queryset, form, *, action):
    """Ask which rule a moderation action cites before it is applied (admin/moderation_rule)."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Which rule is broken?"),
        "form": form,
        "queryset": queryset,
        "action": action,
        "opts": model_admin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/moderation_rule.html", context)


@admin.register(Category)
class CategoryAdmin(CatalogueChangeMixin, admin.ModelAdmin):
    list_display = ("name_en", "name_ru", "name_kk", "parent", "ordering", "slug")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("parent",)
    search_fields = ("name_en", "name_ru", "name_kk", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    ordering = ("parent__ordering", "ordering")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        category_tree_clear()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        category_tree_clear()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        category_tree_clear()


class ListingImageInline(admin.TabularInline):
    model = ListingImage
    extra = 0
    fields = ("image", "thumbnail", "position")
    readonly_fields = ("image", "thumbnail")


class PriceTierInline(admin.TabularInline):
    model = PriceTier
    extra = 0


@admin.register(CatalogueImport)
class CatalogueImportAdmin(admin.ModelAdmin):
    """Sellers' uploads, read-only: staff look at what happened, the seller's desk acts."""

    list_display = ("filename", "company", "status", "total_rows", "created", "updated", "refused",
                    "created_at")  # fmt: skip
    list_filter = ("status",)
    list_select_related = ("company",)
    search_fields = ("company__name", "filename")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Listing)
class ListingAdmin(CatalogueChangeMixin, admin.ModelAdmin):
    list_display = ("title", "company", "category", "price", "status", "published_at")
    list_filter = ("status", "condition", "region")
    list_select_related = ("company", "category")
    search_fields = ("title",)
    raw_id_fields = ("company",)
    readonly_fields = ("created_at", "updated_at", "published_at")
    inlines = [ListingImageInline, PriceTierInline]
    actions = ["block", "unblock"]
    # A million rows: counting them all on every change list costs more than it tells.
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        """Search by the full-text index on PostgreSQL rather than scanning with ILIKE."""
        if search_term and connection.vendor == "postgresql":
            query = SearchQuery(search_term, search_type="websearch", config=SEARCH_CONFIG)
            return queryset.filter(search_vector=query), False
        return super().get_search_results(request, queryset, search_term)

    def has_moderate_permission(self, request):
        return request.user.has_perm("listings.moderate_listing")

    def get_readonly_fields(self, request, obj=None):
        # Blocking and unblocking are moderation: only through the actions, by moderators.
        if self.has_moderate_permission(request):
            return self.readonly_fields
        return (*self.readonly_fields, "status")

    @admin.action(
        description=_("Block the selected listings (moderation)"), permissions=["moderate"]
    )
    def block(self, request, queryset):
        form = ModerationRuleForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return moderation_rule_page(self, request, queryset, form, action="block")
        changed = listings_block(listings=queryset, rule=form.cleaned_data["rule"])
        self.message_user(request, _("%(n)d listings blocked.") % {"n": changed}, messages.SUCCESS)
        return None

    @admin.action(
        description=_("Unblock the selected listings (back to draft)"), permissions=["moderate"]
    )
    def unblock(self, request, queryset):
        changed = listings_unblock(listings=queryset)
        self.message_user(
            request, _("%(n)d listings unblocked.") % {"n": changed}, messages.SUCCESS
        )


@admin.register(Review)
class ReviewAdmin(CatalogueChangeMixin, DisclosureAdminMixin, admin.ModelAdmin):
    list_display = ("company", "rating", "is_hidden", "created_at")
    list_filter = ("is_hidden", "rating")
    list_select_related = ("company", "author")
    raw_id_fields = ("company", "author")
    readonly_fields = ("created_at",)
    actions = ["hide", "show"]
    disclosure_fields = ("author", "text")
    disclosure_purpose = "reviews"

    def disclosure_subject(self, obj):
        return obj.author, obj.author.email

    def has_moderate_permission(self, request):
        return request.user.has_perm("listings.moderate_review")

    def get_readonly_fields(self, request, obj=None):
        if self.has_moderate_permission(request):
            return self.readonly_fields
        return (*self.readonly_fields, "is_hidden")

    @admin.action(description=_("Hide the selected reviews"), permissions=["moderate"])
    def hide(self, request, queryset):
        form = ModerationRuleForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return moderation_rule_page(self, request, queryset, form, action="hide")
        rule = form.cleaned_data["rule"]
        changed = review_set_hidden(reviews=queryset, hidden=True, rule=rule)
        self.message_user(request, _("%(n)d reviews hidden.") % {"n": changed}, messages.SUCCESS)
        return None

    @admin.action(description=_("Show the selected reviews again"), permissions=["moderate"])
    def show(self, request, queryset):
        changed = review_set_hidden(reviews=queryset, hidden=False)
        self.message_user(request, _("%(n)d reviews shown.") % {"n": changed}, messages.SUCCESS)
