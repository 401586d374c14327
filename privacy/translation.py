"""Fields of the portal's own models that are written in each language (django-modeltranslation).

Only texts that staff write belong here. Texts that developers write (purposes, cookie
groups) are translated in the gettext catalogues instead: see privacy/models/purposes.py.
"""

from modeltranslation.translator import TranslationOptions, register

from privacy.models import PolicyVersion


@register(PolicyVersion)
class PolicyVersionTranslation(TranslationOptions):
    fields = ("text", "summary_of_changes")
    # Russian is the language every text must have; the others fall back to it.
    required_languages = {"ru": ("text",)}
