"""Admin of the append-only ledgers and of the retention sweep's runs: read, never edited."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from privacy.models import (
    Acceptance,
    ConsentEvent,
    DisclosureEvent,
    DisclosurePerson,
    RestrictionEvent,
    SweepRun,
)


class ReadOnlyLedgerAdmin(admin.ModelAdmin):
    """The ledgers are append-only: staff read and filter them, nobody edits them."""

    def has_add_permission(self, request, obj=None):
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


class DisclosurePersonInline(admin.TabularInline):
    model = DisclosurePerson
    fields = ("user", "subject_hash")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DisclosureEvent)
class DisclosureEventAdmin(ReadOnlyLedgerAdmin):
    list_display = ("created_at", "actor_label", "actor", "subject", "purpose", "reason",
                    "object_label", "hidden_flag")  # fmt: skip
    list_filter = ("hidden_from_subject", "purpose")
    search_fields = ("actor__email", "subject__email", "actor_label", "object_label")
    list_select_related = ("actor", "subject", "purpose")
    date_hierarchy = "created_at"
    inlines = [DisclosurePersonInline]

    @admin.display(description=_("hidden from the person"), ordering="hidden_from_subject")
    def hidden_flag(self, obj):
        # Flagged: a state body forbade telling the person, so staff must not either.
        if obj.hidden_from_subject:
            return format_html('<strong class="overdue">{}</strong>', _("hidden"))
        return ""


@admin.register(RestrictionEvent)
class RestrictionEventAdmin(ReadOnlyLedgerAdmin):
    list_display = ("created_at", "action", "user", "subject_hash_short", "data_request", "actor")
    list_filter = ("action",)
    search_fields = ("user__email", "subject_hash")
    list_select_related = ("user", "data_request", "actor")
    date_hierarchy = "created_at"

    @admin.display(description=_("guest"))
    def subject_hash_short(self, obj):
        return obj.subject_hash[:12]


@admin.register(SweepRun)
class SweepRunAdmin(ReadOnlyLedgerAdmin):
    list_display = ("started_at", "as_of", "dry_run", "status", "subjects", "held", "waiting",
                    "staff_count", "duration")  # fmt: skip
    list_filter = ("status", "dry_run")
    readonly_fields = ("started_at", "finished_at", "as_of", "cutoff", "dry_run", "status",
                       "subjects", "held", "waiting", "staff_left", "counts",
                       "error")  # fmt: skip

    @admin.display(description=_("staff accounts left to the privacy officer"))
    def staff_count(self, obj):
        return len(obj.staff_left)
