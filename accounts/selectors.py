"""Reads of accounts."""

from allauth.account.models import EmailAddress


def email_verified(user) -> bool:
    """Return whether the user has confirmed their primary e-mail address."""
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def company_of(user):
    """Return the user's company, or None for a buyer without one."""
    if not user.is_authenticated:
        return None
    return getattr(user, "company", None)
