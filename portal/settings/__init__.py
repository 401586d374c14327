"""Settings of the portal (DJANGO_SETTINGS_MODULE=portal.settings): all from the environment.

Every variable is documented in `.env.example`. Development (`make run`) sets
DJANGO_DEBUG=1 and nothing else; tests set DATABASE_URL and REDIS_URL (pytest.ini);
production sets everything explicitly.

One module per concern; each imports what it needs from `core` (and `mail` the operator's
address from `legal`), so the order of the imports below does not matter:
- core: the environment, DEBUG and SECRET_KEY, apps, middleware, templates, the database,
  languages and time, static and media files, phone numbers, logging;
- cache_celery: the cache, Celery and its periodic jobs (CELERY_BEAT_SCHEDULE), the search
  cache;
- auth: django-allauth, password hashing, two-factor authentication;
- security: cookies and HTTPS, client addresses and rate limits, CSP and the other security
  headers, cookie consent;
- legal: the operator, the privacy policy's rules (retention, data requests, the guest key,
  holidays, processors);
- mail: the mail server, the outbox, mailings.
"""

from .auth import *  # noqa: F403
from .cache_celery import *  # noqa: F403
from .core import *  # noqa: F403
from .legal import *  # noqa: F403
from .mail import *  # noqa: F403
from .security import *  # noqa: F403
