"""The rules for listings and reviews that moderation cites.

The published "Rules for listings and reviews" (privacy's legal texts, `/rules/`) number
its rules the same way: each rule here is the heading "## N. ..." of that text, and a test
holds the two together. A moderation decision (a blocked listing, a hidden review, a
blocked seller) stores the rule's value, and the seller and the reporter are shown its
label.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rule(models.TextChoices):
    LAWFUL = "lawful", _("Rule 1: only lawful goods and services")
    TRUTHFUL = "truthful", _("Rule 2: true and complete information")
    ONE_OFFER = "one_offer", _("Rule 3: one offer, one listing, in its category")
    OTHERS_RIGHTS = "others_rights", _("Rule 4: respect for other people's rights")
    PERSONAL_DATA = "personal_data", _("Rule 5: no personal data of other people")
    RESPECT = "respect", _("Rule 6: respectful language")
    HONEST_DEALING = "honest_dealing", _("Rule 7: honest dealing")
    HONEST_REVIEWS = "honest_reviews", _("Rule 8: reviews from real experience")

    @property
    def number(self) -> int:
        return list(Rule).index(self) + 1
