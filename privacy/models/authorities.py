"""Requests of state bodies for a person's data, each recorded as a disclosure."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorityRequest(models.Model):
    """A court, prosecutor or other state body asked for a person's data and was given it.

    Saved through `privacy.services.authority_disclosure_record`, which writes the
    disclosure the person sees, or, when the request forbids telling them, one hidden
    from them and flagged in admin.
    """

    body = models.CharField(_("state body"), max_length=255)
    legal_basis = models.CharField(
        _("legal basis"), max_length=255, help_text=_("The law and article the request cites.")
    )
    document_number = models.CharField(_("document number"), max_length=100)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    fields_given = models.JSONField(
        _("data given"), default=list, help_text=_("The kinds of data handed over.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    email = models.EmailField(_("guest e-mail"), blank=True)
    must_not_tell = models.BooleanField(
        _("the request forbids telling the person"),
        default=False,
        help_text=_("Then the disclosure is hidden from the person and flagged in admin."),
    )
    disclosure = models.OneToOneField(
        "privacy.DisclosureEvent",
        verbose_name=_("disclosure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="authority_request",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request of a state body")
        verbose_name_plural = _("requests of state bodies")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(user__isnull=True, email=""),
                name="authority_request_has_subject",
            )
        ]

    def __str__(self):
        return f"{self.body} · {self.document_number}"
