"""Admin helpers that other apps' admins use."""

from django.utils.translation import gettext_lazy as _

from privacy.services import disclosure_record


class DisclosureAdminMixin:
    """Record a disclosure event whenever staff open a record that holds personal data.

    Set `disclosure_fields` (the personal fields shown on the change page) and
    `disclosure_purpose` (a purpose code), and override `disclosure_subject(obj)` to return
    `(user, email)` of the person whose data it is.
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
                    actor_label=_("Portal administrator"),
                    subject=user,
                    email=email,
                    fields=self.disclosure_fields,
                    purpose=self.disclosure_purpose,
                    reason=self.disclosure_reason,
                    object_label=f"#{obj.pk}",
                )
        return response
