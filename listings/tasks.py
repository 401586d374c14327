"""Celery tasks of listings: thin wrappers that fetch by id and call a service."""

from celery import shared_task

from listings.catalogue import importer


@shared_task
def catalogue_check_task(import_id: int) -> str | None:
    """Check an uploaded catalogue file row by row (the preview); saves no listing."""
    done = importer.catalogue_import_check(import_id=import_id)
    return done.status if done else None


@shared_task
def catalogue_apply_task(import_id: int) -> str | None:
    """Import a confirmed catalogue file: create and update the seller's listings."""
    done = importer.catalogue_import_apply(import_id=import_id)
    return done.status if done else None
