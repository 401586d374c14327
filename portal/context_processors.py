from django.conf import settings


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
