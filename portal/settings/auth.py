"""Settings of sign-in: django-allauth (e-mail is the login), password hashing, 2FA."""

from .core import env

# --- Authentication (django-allauth: e-mail is the login, no usernames) ----------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- Password hashing -------------------------------------------------------------------
# Production keeps Django's default (PBKDF2, deliberately slow). The test suite sets
# PASSWORD_HASHER_FAST_FOR_TESTS=1 (pytest.ini): every factory user and every sign-in in a
# test would otherwise spend ~0.3 s of CPU hashing. Never set it anywhere else.
if env.bool("PASSWORD_HASHER_FAST_FOR_TESTS", default=False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS_ENABLED = env.bool("ACCOUNT_RATE_LIMITS_ENABLED", default=True)
if not ACCOUNT_RATE_LIMITS_ENABLED:
    ACCOUNT_RATE_LIMITS = False
# URL names, not paths: reversed in the visitor's language, so /kk/ visitors stay on /kk/.
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
LOGIN_URL = "account_login"

# --- Two-factor authentication (allauth.mfa) ------------------------------------------
# An authenticator app (TOTP) with recovery codes; no WebAuthn (it would need fido2 and
# HTTPS in every test). Anyone may turn it on in the Personal Account; staff must have it
# and pass it before the admin opens (portal/admin_site.py, accounts/mfa.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Dala Market"
