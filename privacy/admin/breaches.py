"""Admin of the breach register: deadlines shown, people told with an approved text."""

from django import forms
from django.contrib import admin, messages
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from privacy import services
from privacy.models import Breach
from privacy.registry import registry

NOTICE_QUEUED = _("Approved: the notice is being sent to the %(count)d people affected.")


def _source_choices():
    """Sources whose rows name their people and their time: the count can be computed."""
    sources = [s for s in registry.sources() if s.time_field and any(s.people)]
    return [*BLANK_CHOICE_DASH, *((s.key, f"{s.key}: {s.description}") for s in sources)]


class BreachForm(forms.ModelForm):
    source = forms.ChoiceField(label=_("where (registry source)"), required=False)

    class Meta:
        model = Breach
        fields = ("discovered_at", "description", "data_categories", "people_categories",
                  "source", "window_start", "window_end", "people_estimate", "consequences",
                  "measures", "high_risk", "gdpr_applies", "authority_notified_at",
                  "gdpr_notified_at", "notice_text")  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = _source_choices()


@admin.register(Breach)
class BreachAdmin(admin.ModelAdmin):
    form = BreachForm
    list_display = ("__str__", "high_risk", "people_estimate", "authority_due", "gdpr_due",
                    "people_notified_at")  # fmt: skip
    list_filter = ("high_risk", "gdpr_applies")
    readonly_fields = ("authority_due", "gdpr_due", "notice_approved_by", "people_notified_at",
                       "people_notified", "created_by", "created_at")  # fmt: skip
    actions = ["approve_and_notify"]

    def _deadline(self, deadline, done_at, overdue):
        label = date_format(timezone.localtime(deadline), "SHORT_DATETIME_FORMAT")
        if done_at is not None:
            return format_html("{} ({})", label, _("told"))
        if overdue:
            return format_html('<strong class="overdue">{} ({})</strong>', label, _("overdue"))
        return label

    @admin.display(description=_("authorised body (Kazakhstan), within 1 business day"))
    def authority_due(self, obj):
        if obj.pk is None:
            return "-"
        return self._deadline(
            obj.authority_deadline, obj.authority_notified_at, obj.authority_overdue()
        )

    @admin.display(description=_("supervisory authority (GDPR), within 72 hours"))
    def gdpr_due(self, obj):
        if obj.pk is None or not obj.gdpr_applies:
            return "-"
        return self._deadline(obj.gdpr_deadline, obj.gdpr_notified_at, obj.gdpr_overdue())

    def save_model(self, request, obj, form, change):
        services.breach_save(breach=obj, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # the register is a record of what happened

    def has_notify_permission(self, request):
        return request.user.has_perm("privacy.notify_breach")

    @admin.action(
        description=_("Approve the notice and tell the people affected"), permissions=["notify"]
    )
    def approve_and_notify(self, request, queryset):
        for breach in queryset:
            try:
                services.breach_notice_approve(breach=breach, actor=request.user)
            except services.BreachError as error:
                self.message_user(request, f"{breach}: {error}", messages.ERROR)
            else:
                count = services.breach_people_estimate(breach=breach) or 0
                self.message_user(request, NOTICE_QUEUED % {"count": count}, messages.SUCCESS)
