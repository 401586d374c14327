"""What a marketing e-mail says: a campaign's blocks, or a digest, with its footer.

The texts are rendered once per language and batch; only the unsubscribe link differs
between recipients, and it is put in by a plain replacement, so that a batch of hundreds
costs a few template renderings, not hundreds.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from listings.models import Listing
from listings.selectors import category_tree
from mailings.models import Block, Campaign
from mailings.unsubscribe import unsubscribe_headers, unsubscribe_token, unsubscribe_url

# Stands for the recipient's unsubscribe link in a rendered text; URL-safe, so it needs no
# escaping in HTML either.
LINK_MARK = "UNSUBSCRIBE-LINK-0d5b2c"


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str

    def to(self, *, user, campaign_id: int | None) -> dict:
        """Return the keyword arguments of mail_queue for one recipient."""
        token = unsubscribe_token(user_id=user.pk, campaign_id=campaign_id)
        link = unsubscribe_url(token)
        return {
            "to": user.email,
            "subject": self.subject,
            "body": self.text.replace(LINK_MARK, link),
            "html": self.html.replace(LINK_MARK, link),
            "headers": unsubscribe_headers(token),
            "language": user.language,
            "priority": "low",
        }


@dataclass
class ResolvedBlock:
    block: Block
    listings: list = field(default_factory=list)


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _block_listings(block: Block) -> list[Listing]:
    picked = list(block.listings.all())
    if picked:
        visible = set(
            Listing.objects.visible()
            .filter(pk__in=[p.pk for p in picked])
            .values_list("pk", flat=True)
        )
        return [listing for listing in picked if listing.pk in visible][: block.limit]
    listings = Listing.objects.visible().select_related("category")
    if block.category is not None:
        tree = category_tree()
        node = tree.by_id.get(block.category.pk, block.category)
        listings = listings.filter(category_id__in=tree.subtree_ids(node))
    if block.region:
        listings = listings.filter(region=block.region)
    return list(listings.order_by("-published_at", "-pk")[: block.limit])


def campaign_blocks(campaign: Campaign) -> list[ResolvedBlock]:
    """Return the campaign's blocks with the listings they show now (a few queries)."""
    blocks = campaign.blocks.prefetch_related("listings")
    return [
        ResolvedBlock(block, _block_listings(block) if block.is_listings else [])
        for block in blocks
    ]


def _listing_rows(listings: list[Listing]) -> list[dict]:
    return [{"listing": listing, "url": _site(listing.get_absolute_url())} for listing in listings]


def campaign_context(campaign: Campaign, blocks: list[ResolvedBlock]) -> dict:
    return {
        "campaign": campaign,
        "blocks": [(r.block, _listing_rows(r.listings)) for r in blocks],
        **footer_context(),
    }


def campaign_mail(campaign: Campaign, blocks: list[ResolvedBlock], language: str) -> Mail:
    """Render the campaign in `language` (Russian where a text is missing in it)."""
    with translation.override(language):
        context = campaign_context(campaign, blocks)
        return Mail(
            subject=str(campaign.subject),
            text=render_to_string("mailings/email/campaign.txt", context),
            html=render_to_string("mailings/email/campaign.html", context),
        )


def footer_context() -> dict:
    return {
        "unsubscribe_url": LINK_MARK,
        "consents_url": _site(reverse("accounts:privacy")),
        "notifications_url": _site(reverse("accounts:notifications")),
    }


def digest_mail(listings: list[Listing], language: str, *, subject) -> Mail:
    """Render the weekly digest of new listings in `language`."""
    with translation.override(language):
        context = {"listings": _listing_rows(listings), **footer_context()}
        return Mail(
            subject=str(subject),
            text=render_to_string("mailings/email/digest.txt", context),
            html=render_to_string("mailings/email/digest.html", context),
        )
