"""Campaigns in admin: written per language, previewed, tested, then scheduled or sent.

Every state change is an action with its permission (`mailings.send_campaign`): a test to
yourself, start (after a page showing how many people it reaches now), cancel. Once a
campaign leaves the draft state its texts and filters are read-only: what was sent stays
what the records say.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from mailings import audience, selectors, services
from mailings.content import campaign_blocks, campaign_context, campaign_mail
from mailings.forms import BlockAdminForm, CampaignAdminForm
from mailings.models import Block, Campaign, Delivery

TEST_SENT_MESSAGE = _("A test in every language is on its way to %(email)s.")
STARTED_MESSAGE = _("“%(name)s”: %(status)s, to %(count)s people as of now.")
CANCELLED_MESSAGE = _("“%(name)s” is cancelled: no more e-mails go out.")


def _editable(campaign) -> bool:
    """A campaign and its blocks change only while it is a draft (or being added)."""
    return campaign is None or campaign.is_draft


class BlockInline(TranslationStackedInline):
    model = Block
    form = BlockAdminForm
    extra = 0
    autocomplete_fields = ("listings",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request, obj=None):
        return _editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _editable(obj) and super().has_delete_permission(request, obj)


@admin.register(Campaign)
class CampaignAdmin(TranslationAdmin):
    form = CampaignAdminForm
    inlines = [BlockInline]
    list_display = ("name", "status", "scheduled_at", "progress", "started_at", "finished_at")
    list_filter = ("status",)
    search_fields = ("name",)
    filter_horizontal = ("categories",)
    actions = ["send_test", "start_sending", "cancel_sending"]
    STATE_FIELDS = ("status", "started_at", "finished_at", "audience_at_start", "queued_count",
                    "outcomes", "preview_link")  # fmt: skip
    readonly_fields = STATE_FIELDS

    def get_readonly_fields(self, request, obj=None):
        if not _editable(obj):
            return (*self.STATE_FIELDS, "name", *self._translated("subject"), "languages",
                    "regions", "role", "categories", "scheduled_at")  # fmt: skip
        return self.STATE_FIELDS

    @staticmethod
    def _translated(name):
        return [f"{name}_{code}" for code in ("ru", "kk", "en")]

    def has_delete_permission(self, request, obj=None):
        return _editable(obj) and super().has_delete_permission(request, obj)

    def has_send_permission(self, request):
        return request.user.has_perm("mailings.send_campaign")

    @admin.display(description=_("progress"))
    def progress(self, obj):
        if obj.audience_at_start is None:
            return "—"
        return f"{obj.queued_count} / {obj.audience_at_start}"

    @admin.display(description=_("outcomes"))
    def outcomes(self, obj):
        if obj.pk is None:
            return "—"
        labels = dict(Delivery.Outcome.choices)
        counts = selectors.campaign_outcomes(obj)
        return ", ".join(f"{labels[key]}: {count}" for key, count in counts.items())

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:mailings_campaign_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview, count recipients, test, send"))

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview)
        return [
            path("<int:pk>/preview/", preview, name="mailings_campaign_preview")
        ] + super().get_urls()

    def preview(self, request, pk):
        """Show the e-mail in each language and how many people it would reach now."""
        campaign = get_object_or_404(Campaign, pk=pk)
        if not self.has_view_permission(request, campaign):
            raise PermissionDenied
        blocks = campaign_blocks(campaign)
        versions = []
        for code, name in self._languages():
            mail = campaign_mail(campaign, blocks, code)
            with translation.override(code):
                html = render_to_string(
                    "mailings/email/_campaign_body.html", campaign_context(campaign, blocks)
                )
            versions.append({"code": code, "name": name, "mail": mail, "html": html})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview: %(name)s") % {"name": campaign.name},
            "campaign": campaign,
            "versions": versions,
            "count": audience.audience_count(campaign),
            "can_send": self.has_send_permission(request),
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/mailings/campaign/preview.html", context)

    @staticmethod
    def _languages():
        from django.conf import settings

        return settings.LANGUAGES

    @admin.action(description=_("Send a test to myself"), permissions=["send"])
    def send_test(self, request, queryset):
        for campaign in queryset:
            services.campaign_test_send(campaign=campaign, user=request.user)
        self.message_user(request, TEST_SENT_MESSAGE % {"email": request.user.email}, messages.INFO)

    @admin.action(description=_("Send or schedule (shows the count first)"), permissions=["send"])
    def start_sending(self, request, queryset):
        drafts = [c for c in queryset if c.is_draft]
        if request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Send these campaigns?"),
                "rows": [(c, audience.audience_count(c)) for c in drafts],
                "queryset": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/mailings/campaign/start.html", context)
        for campaign in drafts:
            try:
                started = services.campaign_start(campaign=campaign)
            except services.CampaignError as error:
                self.message_user(request, f"{campaign}: {error}", messages.ERROR)
                continue
            count = started.audience_at_start
            if count is None:
                count = audience.audience_count(started)
            self.message_user(
                request,
                STARTED_MESSAGE
                % {
                    "name": started.name,
                    "status": started.get_status_display(),
                    "count": count,
                },  # fmt: skip
                messages.SUCCESS,
            )
        return None

    @admin.action(description=_("Cancel sending"), permissions=["send"])
    def cancel_sending(self, request, queryset):
        for campaign in queryset:
            try:
                services.campaign_cancel(campaign=campaign)
            except services.CampaignError as error:
                self.message_user(request, f"{campaign}: {error}", messages.ERROR)
            else:
                self.message_user(request, CANCELLED_MESSAGE % {"name": campaign.name})


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The proof of who got which mailing: read, never changed."""

    list_display = ("created_at", "campaign", "digest_week", "user", "outcome")
    list_filter = ("outcome", "campaign")
    search_fields = ("user__email",)
    list_select_related = ("campaign", "user")
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
