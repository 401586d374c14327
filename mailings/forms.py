"""Forms of mailings: the digest's categories, and the campaign and block forms of admin."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.regions import Region
from listings.models import Category
from mailings.models import Block, Campaign

BUTTON_NEEDS_LINK = _("A button needs its label in Russian and a link.")
TEXT_NEEDS_RUSSIAN = _("Write the text in Russian: it is what everyone can get.")
LISTINGS_NEED_A_CHOICE = _("Pick listings, or choose a category or a region to take them from.")
HTTPS_ONLY = _("Use a link that starts with https://.")


class FollowedCategoriesForm(forms.Form):
    categories = forms.TypedMultipleChoiceField(
        label=_("Categories of your weekly digest"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = choices

    def clean_categories(self):
        ids = self.cleaned_data["categories"]
        return list(Category.objects.filter(pk__in=ids))


class CampaignAdminForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: people of every language."),
    )
    regions = forms.MultipleChoiceField(
        label=_("regions"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: people of every region."),
    )

    class Meta:
        model = Campaign
        fields = (
            "name", "subject_ru", "subject_kk", "subject_en", "languages", "regions", "role",
            "categories", "scheduled_at",
        )  # fmt: skip


class BlockAdminForm(forms.ModelForm):
    class Meta:
        model = Block
        fields = (
            "kind", "position", "text_ru", "text_kk", "text_en", "button_label_ru",
            "button_label_kk", "button_label_en", "url", "listings", "category", "region", "limit",
        )  # fmt: skip

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if url and not url.startswith("https://"):
            raise forms.ValidationError(HTTPS_ONLY)
        return url

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Block.Kind.TEXT and not data.get("text_ru"):
            self.add_error("text_ru", TEXT_NEEDS_RUSSIAN)
        if kind == Block.Kind.BUTTON and not (data.get("button_label_ru") and data.get("url")):
            self.add_error("button_label_ru", BUTTON_NEEDS_LINK)
        if kind == Block.Kind.LISTINGS and not (
            data.get("listings") or data.get("category") or data.get("region")
        ):
            self.add_error("category", LISTINGS_NEED_A_CHOICE)
        return data
