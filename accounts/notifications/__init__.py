"""Notification e-mails: which a person receives, and how often (/account/notifications/).

The senders below mailings (orders, deals) hand every notification to `notification_send`,
which asks the one selector `notification_wanted` / `notification_delivery`; mailings
(campaigns, the weekly digest of listings) reads the same preferences for "news" and
"listings_digest". The preferences live here, in the lowest app that needs them.
"""

from accounts.notifications.kinds import KINDS, Kind
from accounts.notifications.selectors import notification_delivery, notification_wanted
from accounts.notifications.services import notification_send

__all__ = ["KINDS", "Kind", "notification_delivery", "notification_send", "notification_wanted"]
