"""Writes of the privacy core, one module per job:

- `ledgers`: consent and disclosure ledgers (what other apps record as they work);
- `policies`: publishing the legal texts, accepting the privacy policy;
- `requests`: the life of a data request (opened, verified, run, rejected, held);
- `answers` and `outcomes`: how each kind is answered, and the letter that says so;
- `waiting`: erasures that wait for open orders to close;
- `restrictions`, `authorities`, `breaches`: restriction of processing, disclosures to
  state bodies, the breach register;
- `digest`: the privacy officer's daily digest.

Callers import from `privacy.services` (re-exported here). Pure helpers are not services
and are imported from their own modules: `privacy.hashing.email_hash`,
`privacy.export.subject_export`.
"""

from privacy.services.authorities import authority_disclosure_record
from privacy.services.breaches import (
    BreachError,
    breach_notice_approve,
    breach_people_estimate,
    breach_people_notify,
    breach_save,
)
from privacy.services.common import DataRequestError, enqueue_on_commit, site_url
from privacy.services.digest import privacy_digest_send
from privacy.services.ledgers import (
    ConsentError,
    consent_grant,
    consent_withdraw,
    cookie_choice_record,
    disclosure_record,
    disclosure_record_many,
    language_code,
    request_meta,
    truncate_ip,
)
from privacy.services.policies import (
    POLICY_CACHE_KEY,
    POLICY_SESSION_KEY,
    policy_accept,
    policy_publish,
)
from privacy.services.requests import (
    AUTOMATIC_KINDS,
    REQUEST_CONFIRM_DAYS,
    REQUEST_CONFIRM_SALT,
    REQUEST_DOWNLOAD_DAYS,
    REQUEST_DOWNLOAD_SALT,
    data_request_complete,
    data_request_create,
    data_request_hold,
    data_request_reject,
    data_request_run,
    data_request_signed,
    data_request_submit,
    data_request_unsign,
    data_request_verify,
    data_requests_resume,
)
from privacy.services.restrictions import restriction_lift, restriction_record
from privacy.services.waiting import waiting_requests_finish, waiting_requests_open

__all__ = [
    "AUTOMATIC_KINDS",
    "POLICY_CACHE_KEY",
    "POLICY_SESSION_KEY",
    "REQUEST_CONFIRM_DAYS",
    "REQUEST_CONFIRM_SALT",
    "REQUEST_DOWNLOAD_DAYS",
    "REQUEST_DOWNLOAD_SALT",
    "BreachError",
    "ConsentError",
    "DataRequestError",
    "authority_disclosure_record",
    "breach_notice_approve",
    "breach_people_estimate",
    "breach_people_notify",
    "breach_save",
    "consent_grant",
    "consent_withdraw",
    "cookie_choice_record",
    "data_request_complete",
    "data_request_create",
    "data_request_hold",
    "data_request_reject",
    "data_request_run",
    "data_request_signed",
    "data_request_submit",
    "data_request_unsign",
    "data_request_verify",
    "data_requests_resume",
    "disclosure_record",
    "disclosure_record_many",
    "enqueue_on_commit",
    "language_code",
    "policy_accept",
    "policy_publish",
    "privacy_digest_send",
    "request_meta",
    "restriction_lift",
    "restriction_record",
    "site_url",
    "truncate_ip",
    "waiting_requests_finish",
    "waiting_requests_open",
]
