"""Campaign texts written by staff in each language (django-modeltranslation).

Russian is required; a recipient whose language has no text gets the Russian one
(MODELTRANSLATION_FALLBACK_LANGUAGES), as with the portal's legal texts.
"""

from modeltranslation.translator import TranslationOptions, register

from mailings.models import Block, Campaign


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("subject",)
    required_languages = {"ru": ("subject",)}


@register(Block)
class BlockTranslation(TranslationOptions):
    fields = ("text", "button_label")
