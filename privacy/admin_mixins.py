"""Admin helpers that other apps' admins use."""

from django.utils.translation import gettext_lazy as _

from privacy.services import disclosure_record, disclosure_record_many

ADMIN_ACTOR = _("Portal administrator")
LIST_REASON = _("Listed in admin")


class DisclosureAdminMixin:
    """Record a disclosure event whenever staff see records that hold personal data.

    Opening a record writes one event about its person; a list page writes one event per
    page view, naming every person it showed (`privacy.models.DisclosurePerson`). Set
    `disclosure_fields` (the personal fields shown) and `disclosure_purpose` (a purpose
    code), and override `disclosure_subject(obj)` to return `(user, email)` of the person
    whose data it is (with `list_select_related` covering the user, so that a list page
    costs no query per row).
    """

    disclosure_fields: tuple[str, ...] = ()
    disclosure_purpose = "service"
    disclosure_reason = _("Opened in admin")

    def disclosure_subject(self, obj):
        """Return (user or None, e-mail) of the person whose data `obj` holds."""
        raise NotImplementedError

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}) and response.context_data.get("original")
        if request.method == "GET" and obj is not None and response.status_code == 200:
            user, email = self.disclosure_subject(obj)
            if user is not None or email:
                disclosure_record(
                    actor=request.user,
                    # Lazy texts: stored as message ids, shown in the reader's language.
                    actor_label=ADMIN_ACTOR,
                    subject=user,
                    email=email,
                    fields=self.disclosure_fields,
                    purpose=self.disclosure_purpose,
                    reason=self.disclosure_reason,
                    object_label=f"#{obj.pk}",
                )
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}) and response.context_data.get("cl")
        if request.method == "GET" and changelist is not None and response.status_code == 200:
            people = []
            for obj in changelist.result_list:
                user, email = self.disclosure_subject(obj)
                people.append((user.pk if user is not None else None, email or ""))
            disclosure_record_many(
                actor=request.user,
                actor_label=ADMIN_ACTOR,
                fields=self.disclosure_fields,
                purpose=self.disclosure_purpose,
                reason=LIST_REASON,
                people=people,
                # Never the query string: a search for an e-mail would be stored with it.
                object_label=f"{self.model._meta.label_lower}, page {changelist.page_num + 1}",
            )
        return response
