"""Re-keying the guests' ledger rows after PRIVACY_HASH_KEY changes.

A guest's ledger rows carry HMAC(key, e-mail), never the e-mail. The hash cannot be
reversed, so rows are re-keyed from the e-mails the portal still holds: every e-mail
field a registry source declares (orders, messages, complaints, requests...). For each
address the hash under the old key is replaced by the one under the new key, in batches,
one UPDATE per batch and ledger table.

A guest who was erased has no e-mail left anywhere: their rows keep the old hash, which
nobody can link to a person any more without the old key. Keep the old key offline only
if such rows may have to be proven to belong to someone.

The ledgers are append-only for the application (AppendOnlyQuerySet); re-keying changes
no fact they record, only the key of their index, so it writes through a plain queryset.
"""

from collections.abc import Iterator

from django.db import models, transaction
from django.db.models import Case, Value, When

from privacy.hashing import email_hash
from privacy.models import ConsentEvent, DisclosureEvent, DisclosurePerson, RestrictionEvent
from privacy.registry import normalise_email, registry

LEDGERS = (ConsentEvent, DisclosureEvent, DisclosurePerson, RestrictionEvent)
BATCH_SIZE = 500


def known_emails() -> Iterator[str]:
    """Yield every distinct address an e-mail field of a registry source holds."""
    seen: set[str] = set()
    for source in registry.sources():
        for name in source.fields:
            if not isinstance(source.model._meta.get_field(name), models.EmailField):
                continue
            rows = source.model._default_manager.exclude(**{name: ""}).values_list(name, flat=True)
            for address in rows.distinct().iterator(chunk_size=2000):
                email = normalise_email(address or "")
                if email and email not in seen:
                    seen.add(email)
                    yield email


def _batches(emails: Iterator[str], size: int) -> Iterator[list[str]]:
    batch = []
    for email in emails:
        batch.append(email)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ledgers_rekey(*, old_key: str, new_key: str | None = None) -> dict[str, int]:
    """Re-key every guest ledger row from `old_key` to `new_key` (PRIVACY_HASH_KEY).

    Return the rows changed per ledger. Running it twice changes nothing the second time.
    """
    changed = {model._meta.label_lower: 0 for model in LEDGERS}
    for batch in _batches(known_emails(), BATCH_SIZE):
        pairs = {email_hash(e, key=old_key): email_hash(e, key=new_key) for e in batch}
        new_hash = Case(*(When(subject_hash=old, then=Value(new)) for old, new in pairs.items()))
        with transaction.atomic():
            for model in LEDGERS:
                rows = models.QuerySet(model=model).filter(subject_hash__in=list(pairs))
                changed[model._meta.label_lower] += rows.update(subject_hash=new_hash)
    return changed
