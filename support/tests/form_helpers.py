"""What the tests of the support forms share."""


def form_errors(response, field) -> list[str]:
    """Return the messages the form of a refused page shows at `field`."""
    return [str(e) for e in response.context["form"].errors.get(field, [])]
