from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.selectors import company_of


def seller_required(view):
    """Let in a signed-in user with a company, passing it to the view as its second argument;
    tell anybody else how to become a seller (listings' and orders' desks use this)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        company = company_of(request.user)
        if company is None:
            return render(request, "accounts/no_company.html", status=403)
        return view(request, company, *args, **kwargs)

    return wrapped
