"""The export of a person's data (access and portability), built from the registry alone."""

from privacy.registry import Subjects, registry


def subject_export(*, subjects: Subjects) -> dict:
    """Return every declared source's rows for the subjects, keyed by source.

    Built from the registry alone, so a source declared anywhere is exported here with no
    further code. One query per source whatever the number of subjects (a source may add
    one for rows nested in its own, such as an order's lines).
    """
    return {
        source.key: {
            "description": source.description,
            "purpose": source.purpose,
            "legal_basis": source.legal_basis,
            "recipients": source.recipients,
            "rows": source.export(subjects),
        }
        for source in registry.sources()
    }
