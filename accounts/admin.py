from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.forms import BinField
from accounts.models import Company, User
from accounts.services import company_verification_set, public_pages_changed
from privacy.admin_mixins import DisclosureAdminMixin


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)
        field_classes = {}


class UserChangeAdminForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"
        field_classes = {}


class SellerFilter(admin.SimpleListFilter):
    title = _("seller")
    parameter_name = "seller"

    def lookups(self, request, model_admin):
        return [("yes", _("Has a company")), ("no", _("No company"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(company__isnull=False)
        if self.value() == "no":
            return queryset.filter(company__isnull=True)
        return queryset


class VerifiedCompanyFilter(admin.SimpleListFilter):
    title = _("verified company")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", _("Verified")), ("no", _("Not verified"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(company__is_verified=True)
        if self.value() == "no":
            return queryset.filter(company__is_verified=False)
        return queryset


VERIFY_PERMISSION = "accounts.verify_company"


class BinFormFieldMixin:
    """Take the BIN through the same field as the Personal Account: normalised, then checked."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "bin":
            return BinField()
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PublicPagesChangeMixin:
    """A company or an account changed here may be on public pages (a seller's name, an
    owner deactivated): tell the apps that keep shared pages (services.public_pages_changed)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # after save_model
        public_pages_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_pages_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_pages_changed()


class CompanyInline(BinFormFieldMixin, admin.StackedInline):
    model = Company
    fk_name = "owner"
    extra = 0
    can_delete = False
    fields = (
        "name",
        "bin",
        "is_verified",
        "legal_address",
        "region",
        "authorised_person",
        "contact_phone",
        "contact_email",
        "description",
    )

    def get_readonly_fields(self, request, obj=None):
        # The verified mark is given by whoever checks companies, not by any user editor.
        if request.user.has_perm(VERIFY_PERMISSION):
            return self.readonly_fields
        return (*self.readonly_fields, "is_verified")


@admin.register(User)
class UserAdmin(PublicPagesChangeMixin, DisclosureAdminMixin, DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    ordering = ("email",)
    list_display = (
        "email",
        "last_name",
        "first_name",
        "phone",
        "company",
        "is_active",
        "is_staff",
        "date_joined",
    )
    list_select_related = ("company",)
    list_filter = (SellerFilter, VerifiedCompanyFilter, "is_active", "is_staff", "is_superuser")
    search_fields = (
        "email",
        "first_name",
        "last_name",
        "patronymic",
        "phone",
        "company__name",
        "company__bin",
    )
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Person"),
            {"fields": ("last_name", "first_name", "patronymic", "phone", "region", "address")},
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "last_interaction_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    inlines = (CompanyInline,)

    disclosure_fields = (
        "email",
        "first_name",
        "last_name",
        "patronymic",
        "phone",
        "region",
        "address",
    )
    disclosure_purpose = "service"

    def disclosure_subject(self, obj):
        return obj, obj.email

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else ()


@admin.register(Company)
class CompanyAdmin(
    PublicPagesChangeMixin, BinFormFieldMixin, DisclosureAdminMixin, admin.ModelAdmin
):
    list_display = ("name", "bin", "owner", "region", "is_verified", "owner_active", "created_at")
    list_select_related = ("owner",)
    list_filter = ("is_verified", "owner__is_active", "region")
    search_fields = (
        "name",
        "bin",
        "owner__email",
        "owner__first_name",
        "owner__last_name",
        "contact_email",
        "contact_phone",
        "authorised_person",
    )
    autocomplete_fields = ("owner",)
    readonly_fields = ("created_at",)
    actions = ("mark_verified", "mark_unverified")

    disclosure_fields = ("authorised_person", "contact_phone", "contact_email", "legal_address")
    disclosure_purpose = "service"

    def disclosure_subject(self, obj):
        return obj.owner, obj.owner.email

    def has_verify_permission(self, request):
        return request.user.has_perm(VERIFY_PERMISSION)

    def get_readonly_fields(self, request, obj=None):
        if self.has_verify_permission(request):
            return self.readonly_fields
        return (*self.readonly_fields, "is_verified")

    @admin.display(boolean=True, description=_("owner active"), ordering="owner__is_active")
    def owner_active(self, obj):
        return obj.owner.is_active

    @admin.action(description=_("Mark selected companies as verified"), permissions=["verify"])
    def mark_verified(self, request, queryset):
        count = company_verification_set(companies=queryset, verified=True)
        self.message_user(
            request,
            ngettext("%(count)d company verified.", "%(count)d companies verified.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Take the verified mark away"), permissions=["verify"])
    def mark_unverified(self, request, queryset):
        count = company_verification_set(companies=queryset, verified=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d company is no longer verified.",
                "%(count)d companies are no longer verified.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


# --- allauth's models, with the portal's rules ---------------------------------------------

admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(AllauthEmailAddressAdmin):
    """allauth's admin, whose action changes addresses: it asks for the change right."""

    @admin.action(
        description=_("Mark selected email addresses as verified"), permissions=["change"]
    )
    def make_verified(self, request, queryset):
        return super().make_verified(request, queryset)


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Staff see who has a second factor and may delete one (a lost phone), never its secret."""

    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type", "created_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("user__email",)
    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
