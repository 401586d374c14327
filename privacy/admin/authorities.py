"""Admin of legal holds and of requests of state bodies (each one a disclosure)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from privacy import services
from privacy.admin_mixins import DisclosureAdminMixin
from privacy.models import AuthorityRequest, LegalHold

FIELDS_GIVEN_REQUIRED = _("Say which data was handed over, one kind per line.")


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


class AuthorityRequestForm(forms.ModelForm):
    """The data handed over, typed one kind per line (stored as a list)."""

    fields_given = forms.CharField(
        label=_("data given"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One kind per line, e.g. name, phone, orders of 2025."),
        error_messages={"required": FIELDS_GIVEN_REQUIRED},
    )

    class Meta:
        model = AuthorityRequest
        fields = ("body", "legal_basis", "document_number", "document_date", "fields_given",
                  "user", "email", "must_not_tell")  # fmt: skip

    def clean_fields_given(self):
        lines = [line.strip() for line in self.cleaned_data["fields_given"].splitlines()]
        given = [line for line in lines if line]
        if not given:
            raise forms.ValidationError(FIELDS_GIVEN_REQUIRED)
        return given


@admin.register(AuthorityRequest)
class AuthorityRequestAdmin(DisclosureAdminMixin, admin.ModelAdmin):
    """A state body's request is recorded once, with the disclosure it made; never edited."""

    form = AuthorityRequestForm
    list_display = ("created_at", "body", "document_number", "user", "email", "must_not_tell")
    list_filter = ("must_not_tell",)
    search_fields = ("body", "document_number", "user__email", "email")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    disclosure_fields = ("user", "email", "fields_given")
    disclosure_purpose = "legal"
    disclosure_reason = _("Reviewing a request of a state body")

    def disclosure_subject(self, obj):
        return obj.user, "" if obj.user_id else obj.email

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (*AuthorityRequestForm.Meta.fields, "disclosure", "created_by", "created_at")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            services.authority_disclosure_record(authority_request=obj, actor=request.user)
