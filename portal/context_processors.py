from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal.seller_desk import seller_desk_get


def operator(request):
    """Expose the operator's identity, shown in the footer and the privacy policy."""
    return {
        "operator": {
            "name": settings.OPERATOR_NAME,
            "bin": settings.OPERATOR_BIN,
            "address": settings.OPERATOR_ADDRESS,
            "email": settings.OPERATOR_EMAIL,
        }
    }


def seller_desk(request):
    """Expose `seller_desk`: the desk's tabs and counts for a seller, else None.

    Lazy: a page that does not show the header's "Seller" menu reads nothing for it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"seller_desk": None}
    return {"seller_desk": SimpleLazyObject(lambda: seller_desk_get(user=user, path=request.path))}
