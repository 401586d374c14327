"""The upload form of a catalogue file: validation only."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from listings.catalogue import reader

FILE_REQUIRED = _("Choose the file of your catalogue (CSV or XLSX).")


class CatalogueUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Catalogue file"),
        help_text=_(
            "CSV or Excel (.xlsx), up to 50 MB and 100,000 rows, in the template's columns."
        ),
        error_messages={"required": FILE_REQUIRED},
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            reader.file_format(upload)
        except reader.CatalogueFileError as error:
            raise ValidationError(error.message, code="bad_file") from None
        return upload
