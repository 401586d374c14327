"""Conversations between a buyer and a seller, about a listing or a quote, and messages."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from deals.models.quotes import Quote
from listings.models import Listing
from orders.models import MESSAGE_MAX_LENGTH


class Side(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SELLER = "seller", _("Seller")


class Conversation(models.Model):
    """A thread between a buyer and a seller: about a listing, or about a quote."""

    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buyer"),
        on_delete=models.CASCADE,
        related_name="deal_conversations",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="conversations"
    )
    listing = models.ForeignKey(
        Listing,
        verbose_name=_("listing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quote = models.OneToOneField(
        Quote,
        verbose_name=_("quote"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversation",
    )
    subject = models.CharField(_("subject"), max_length=200)
    last_message_at = models.DateTimeField(_("last message"), default=timezone.now)
    last_side = models.CharField(_("last written by"), max_length=8, choices=Side.choices)
    first_reply_at = models.DateTimeField(_("first answer of the seller"), null=True, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        indexes = [
            models.Index(fields=["buyer", "-last_message_at"], name="conversation_buyer_inbox"),
            models.Index(fields=["company", "-last_message_at"], name="conversation_seller_inbox"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "listing"],
                condition=Q(quote__isnull=True, listing__isnull=False),
                name="conversation_once_per_listing",
            )
        ]

    def __str__(self):
        return self.subject

    @property
    def is_unanswered(self) -> bool:
        return self.last_side == Side.BUYER


class Message(models.Model):
    """A message in a conversation."""

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    side = models.CharField(_("written by"), max_length=8, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read by the other side"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(
                fields=["conversation", "side"],
                name="deal_message_unread",
                condition=Q(read_at=None),
            )
        ]

    def __str__(self):
        return f"{self.conversation_id}: {self.side}"
