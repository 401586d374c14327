"""Middleware of accounts."""

from accounts.services import user_touch


class LastInteractionMiddleware:
    """Move a signed-in user's `last_interaction_at` (at most once an hour).

    Runs after the view, so a login (or a sign-in by e-mail confirmation) counts as the
    interaction it is, and a user who just closed their account is not touched. The user
    is the one authentication already loaded; within the hour this costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            user_touch(user=user)
        return response
